package dev.voicefarm.gateway.voices;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.api.JsonBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a voice import sent as one zip ({@code application/zip}): {@value #VOICE_JSON} with the
 * text fields ({@code {"name", "modelVersion", "promptText", "promptLanguage"}}), exactly one
 * {@code *.ckpt} (the GPT weights), one {@code *.pth} (the SoVITS weights) and one reference clip
 * ({@code .wav}, {@code .mp3}, {@code .flac}, {@code .ogg} or {@code .m4a}), each anywhere in the
 * archive. Other entries are ignored, as are folders and the {@code __MACOSX/} and {@code ._*}
 * files macOS adds. The files are unpacked into the caller's folder, each within its limit counted
 * on the bytes actually inflated, so an entry that unpacks past its limit stops there (413). The
 * archive's directory is bounded before {@link ZipFile} reads it ({@link ZipDirectory}). Problems
 * are 400s naming the part they are about, as the form's would.
 */
public final class VoiceArchive {

    public static final String VOICE_JSON = "voice.json";
    private static final Set<String> FIELDS = Set.of("name", "modelVersion", "promptText", "promptLanguage");

    private final VoiceImportLimits limits;

    public VoiceArchive(VoiceImportLimits limits) {
        this.limits = limits;
    }

    /** The import the zip holds, its files unpacked into {@code folder} (which the caller removes). */
    public VoiceUpload read(Path zip, Path folder) {
        try {
            return unpack(zip, folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private VoiceUpload unpack(Path zip, Path folder) throws IOException {
        byte[] start = VoiceImportValidator.firstBytes(zip, 4);
        if (start.length == 0) {
            throw refused("body", "the request body is empty; send the voice zip as the body"
                    + " (curl --data-binary @voice.zip) or the files as multipart/form-data");
        }
        if (!(start.length == 4 && start[0] == 'P' && start[1] == 'K' && (start[2] == 3 || start[2] == 5))) {
            throw refused("body", "the request body is not a zip archive; send the voice as a .zip file");
        }
        List<String> names;
        try {
            names = ZipDirectory.names(zip);
        } catch (ZipDirectory.Unreadable e) {
            throw refused("body", "the zip archive cannot be read: it " + e.getMessage());
        }
        if (names.isEmpty()) {
            throw refused("body", "the zip archive is empty; a voice zip holds voice.json, one .ckpt, one .pth"
                    + " and one reference clip");
        }
        String json = only(names, VOICE_JSON, "a voice.json", name -> fileName(name).equals(VOICE_JSON));
        String gpt = only(names, "gpt", "a .ckpt file (the GPT weights)", name -> extension(name).equals("ckpt"));
        String sovits = only(names, "sovits", "a .pth file (the SoVITS weights)", name -> extension(name).equals("pth"));
        String reference = only(names, "reference", "a reference clip ("
                        + String.join(", ", VoiceImportValidator.REFERENCE_FORMATS.stream().map(f -> "." + f).toList()) + ")",
                name -> VoiceImportValidator.REFERENCE_FORMATS.contains(extension(name)));
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            JsonNode fields = fields(archive, json);
            String name = text(fields, "name");
            String modelVersion = text(fields, "modelVersion");
            String promptText = text(fields, "promptText");
            String promptLanguage = text(fields, "promptLanguage");
            Path gptFile = unpack(archive, gpt, folder.resolve("gpt"), "gpt", "GPT weights", limits.gptBytes());
            Path sovitsFile = unpack(archive, sovits, folder.resolve("sovits"), "sovits", "SoVITS weights",
                    limits.sovitsBytes());
            Path referenceFile = unpack(archive, reference, folder.resolve("reference"), "reference", "reference clip",
                    limits.referenceBytes());
            return new VoiceUpload(name, modelVersion, promptText, promptLanguage,
                    new VoiceUpload.UploadedFile(gptFile, gpt), new VoiceUpload.UploadedFile(sovitsFile, sovits),
                    new VoiceUpload.UploadedFile(referenceFile, reference));
        } catch (ZipException | IllegalArgumentException e) {
            // Damaged or encrypted entries, unsupported compression, names that are not UTF-8.
            throw refused("body", "the zip archive cannot be read: " + e.getMessage());
        }
    }

    /** The one entry of a kind; none is a missing field, two are ambiguous. */
    private static String only(List<String> names, String param, String what,
                               java.util.function.Predicate<String> kind) {
        List<String> found = new ArrayList<>();
        for (String name : names) {
            if (!ignored(name) && kind.test(name)) {
                found.add(name);
            }
        }
        if (found.isEmpty()) {
            throw VoiceImportValidator.missing(param, "the zip holds no " + what.replaceFirst("^an? ", "")
                    + "; a voice zip holds voice.json, one .ckpt, one .pth and one reference clip");
        }
        if (found.size() > 1) {
            throw refused(param, "the zip holds " + found.size() + " entries where it may hold only " + what + ": "
                    + String.join(", ", found.stream().limit(5).map(JsonBody::clip).toList()));
        }
        return found.get(0);
    }

    /** Folders, and what macOS adds to the zips it makes (resource forks, under {@code __MACOSX/} and as {@code ._*}). */
    private static boolean ignored(String name) {
        return name.endsWith("/") || name.startsWith("__MACOSX/") || fileName(name).startsWith("._");
    }

    private static JsonNode fields(ZipFile archive, String entry) throws IOException {
        byte[] json;
        try (InputStream in = archive.getInputStream(archive.getEntry(entry))) {
            json = in.readNBytes(JsonBody.MAX_BYTES + 1);
        }
        if (json.length > JsonBody.MAX_BYTES) {
            throw refused("voice.json", "voice.json has more than " + JsonBody.MAX_BYTES + " bytes;"
                    + " it holds four short fields");
        }
        JsonNode fields;
        try {
            fields = JsonBody.object(json);
            JsonBody.knownFields(fields, FIELDS, "voice.json has name, modelVersion, promptText and promptLanguage");
        } catch (ApiException e) {
            throw ApiException.badRequest(e.code(), "voice.json: " + e.getMessage().replace("the request body", "the file"))
                    .forParam(e.param() == null ? "voice.json" : e.param());
        }
        return fields;
    }

    /** A field of voice.json: a string, or {@code null} when absent (the validator says it is missing). */
    private static String text(JsonNode fields, String field) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw JsonBody.wrongType(field, "a string", node);
        }
        return node.textValue();
    }

    private static Path unpack(ZipFile archive, String entryName, Path target, String param, String what, long limit)
            throws IOException {
        ZipEntry entry = archive.getEntry(entryName);
        if (entry == null) {
            throw refused(param, "the zip's entry '" + JsonBody.clip(entryName) + "' cannot be read");
        }
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        try (InputStream in = archive.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                if (written > limit) {
                    throw VoiceImportValidator.tooLarge(param, "the " + what + " file ('" + JsonBody.clip(entryName)
                            + "' in the zip) unpacks to more than " + limit + " bytes", limit);
                }
                out.write(buffer, 0, n);
            }
        }
        return target;
    }

    private static ApiException refused(String param, String message) {
        return ApiException.badRequest("invalid_voice_archive", message).forParam(param);
    }

    private static String fileName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** The file name's extension, lower case, without the dot; empty without one. */
    static String extension(String name) {
        String file = fileName(name);
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
