package dev.voicefarm.gateway.datasets;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.voices.DatasetManifest;
import dev.voicefarm.gateway.api.ApiException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an uploaded dataset zip into normalised clips, or refuses it with every problem named.
 *
 * <p>Layouts, at the top of the zip or inside one top folder ({@code myvoice/metadata.csv}):
 * <ul>
 *   <li>LJSpeech ({@value #LJSPEECH}): {@code metadata.csv} with lines {@code id|text} or
 *       {@code id|text|normalized text} (the last column is the text), audio in {@code wavs/<id>.wav};</li>
 *   <li>GPT-SoVITS ({@value #GPT_SOVITS_LIST}): one {@code *.list} file with lines
 *       {@code path|speaker|language|text}; the WAV is the zip's file with the path's file name,
 *       wherever it sits (the paths are usually those of the machine that made the list).</li>
 * </ul>
 * Every referenced WAV must be present, readable integer PCM and last {@value #MIN_SECONDS} to
 * {@value #MAX_SECONDS} s; there must be at least {@value #MIN_CLIPS} clips; the metadata must be
 * UTF-8 and no text empty. Files nobody references are ignored. Clip ids are the LJSpeech ids or
 * the WAV file names without {@code .wav}; they become object keys, so they are restricted to
 * letters, digits, {@code .}, {@code _} and {@code -}.
 */
public final class DatasetReader {

    public static final String LJSPEECH = "ljspeech";
    public static final String GPT_SOVITS_LIST = "gpt-sovits-list";
    public static final int MIN_CLIPS = 10;
    public static final double MIN_SECONDS = 1;
    public static final double MAX_SECONDS = 30;

    private static final String METADATA_CSV = "metadata.csv";
    private static final Pattern CLIP_ID = Pattern.compile("[\\p{L}\\p{N}_-][\\p{L}\\p{N}._-]{0,127}");

    private final ZipReader zip;

    public DatasetReader() {
        this(ZipReader.Limits.DEFAULT);
    }

    DatasetReader(ZipReader.Limits limits) {
        this.zip = new ZipReader(limits);
    }

    /** @throws ApiException 400 {@code invalid_dataset} naming what is wrong */
    public DatasetContent read(byte[] zipBytes) {
        Problems problems = new Problems();
        Map<String, byte[]> metadataFiles = new LinkedHashMap<>();
        Map<String, Audio> audio = new LinkedHashMap<>();
        zip.read(zipBytes, DatasetReader::wanted, (name, content) -> {
            if (isWav(name)) {
                audio.put(name, Audio.decode(content));
            } else {
                metadataFiles.put(name, content);
            }
        }, problems);

        String metadata = metadataFile(metadataFiles.keySet(), problems);
        if (metadata == null) {
            problems.throwIfAny();
        }
        String layout = fileName(metadata).equals(METADATA_CSV) ? LJSPEECH : GPT_SOVITS_LIST;
        String text = utf8(metadata, metadataFiles.get(metadata), problems);
        if (text == null) {
            problems.throwIfAny();
        }
        List<Line> lines = lines(text);
        if (lines.size() < MIN_CLIPS) {
            problems.add(metadata + " lists " + lines.size() + (lines.size() == 1 ? " clip" : " clips")
                    + "; a dataset needs at least " + MIN_CLIPS);
        }

        Map<String, List<String>> wavsByFileName = new HashMap<>();
        audio.keySet().forEach(name -> wavsByFileName.computeIfAbsent(fileName(name), n -> new ArrayList<>()).add(name));
        Map<String, Integer> idLines = new HashMap<>();
        List<DatasetContent.Clip> clips = new ArrayList<>();
        for (Line line : lines) {
            String where = metadata + " line " + line.number() + ": ";
            int before = problems.size();
            Reference reference = LJSPEECH.equals(layout)
                    ? ljspeech(line, directory(metadata), where, problems)
                    : gptSovits(line, where, wavsByFileName, problems);
            if (reference == null) {
                continue;
            }
            if (reference.text().isEmpty()) {
                problems.add(where + "empty text");
            }
            if (!usableId(reference.id(), where, idLines, problems)) {
                continue;
            }
            idLines.put(reference.id(), line.number());
            Audio clip = reference.wavName() == null ? null : audio.get(reference.wavName());
            if (reference.wavName() != null && clip == null) {
                problems.add(where + reference.wavName() + " is missing from the zip");
            } else if (clip != null && clip.error() != null) {
                problems.add(where + reference.wavName() + " is not a readable WAV file: " + clip.error());
            } else if (clip != null && clip.wav() == null) {
                problems.add(where + reference.wavName() + " lasts " + String.format(Locale.ROOT, "%.2f", clip.seconds())
                        + " s; clips must last " + (int) MIN_SECONDS + " to " + (int) MAX_SECONDS + " s");
            }
            if (problems.size() == before) {
                clips.add(new DatasetContent.Clip(reference.id(), reference.text(), clip.wav(), clip.seconds()));
            }
        }
        problems.throwIfAny();
        return new DatasetContent(layout, clips);
    }

    /** Whether the id can name a clip; a clip whose id cannot is not looked at further. */
    private static boolean usableId(String id, String where, Map<String, Integer> idLines, Problems problems) {
        if (id.isEmpty()) {
            problems.add(where + "empty clip id");
        } else if (!CLIP_ID.matcher(id).matches()) {
            problems.add(where + "clip id '" + id + "' may only hold letters, digits, '.', '_' and '-'"
                    + " (at most 128, not starting with '.')");
        } else if (idLines.containsKey(id)) {
            problems.add(where + "clip id '" + id + "' is already used on line " + idLines.get(id));
        } else {
            return true;
        }
        return false;
    }

    /** One non-blank line of the metadata file, numbered from 1. */
    private record Line(int number, String text) {
    }

    /** What a line names; {@code wavName} is null when no single file fits. */
    private record Reference(String id, String text, String wavName) {
    }

    /**
     * A WAV entry: normalised when readable and of a usable length, else its length or why it
     * cannot be read. Clips of the wrong length are not resampled.
     */
    private record Audio(Wav wav, double seconds, String error) {
        static Audio decode(byte[] bytes) {
            try {
                Wav source = Wav.parse(bytes);
                double seconds = source.durationSeconds();
                if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
                    return new Audio(null, seconds, null);
                }
                Wav normal = source.toMono16(DatasetManifest.SAMPLE_RATE);
                return new Audio(normal, normal.durationSeconds(), null);
            } catch (RuntimeException e) {
                return new Audio(null, 0, e.getMessage());
            }
        }
    }

    private static Reference ljspeech(Line line, String root, String where, Problems problems) {
        String[] fields = line.text().split("\\|", -1);
        if (fields.length < 2 || fields.length > 3) {
            problems.add(where + "expected id|text or id|text|normalized text, found "
                    + fields.length + (fields.length == 1 ? " field" : " fields"));
            return null;
        }
        String id = fields[0].trim();
        String wav = id.isEmpty() ? null : root + "wavs/" + id + ".wav";
        return new Reference(id, fields[fields.length - 1].trim(), wav);
    }

    private static Reference gptSovits(Line line, String where, Map<String, List<String>> wavsByFileName,
                                       Problems problems) {
        String[] fields = line.text().split("\\|", 4);
        if (fields.length < 4) {
            problems.add(where + "expected path|speaker|language|text, found "
                    + fields.length + (fields.length == 1 ? " field" : " fields"));
            return null;
        }
        String path = fields[0].trim();
        String file = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        String id = isWav(file) ? file.substring(0, file.length() - 4) : file;
        String text = fields[3].trim();
        if (file.isEmpty()) {
            problems.add(where + "the path '" + path + "' names no file");
            return null;
        }
        List<String> candidates = wavsByFileName.getOrDefault(file, List.of());
        if (candidates.size() > 1) {
            problems.add(where + "several files in the zip are named '" + file + "': " + String.join(", ", candidates));
            return new Reference(id, text, null);
        }
        if (candidates.isEmpty()) {
            problems.add(where + "no file named '" + file + "' in the zip (for '" + path + "')");
            return new Reference(id, text, null);
        }
        return new Reference(id, text, candidates.get(0));
    }

    /** The one metadata file of the zip, or null with the problem recorded. */
    private static String metadataFile(Iterable<String> names, Problems problems) {
        List<String> csv = new ArrayList<>();
        List<String> lists = new ArrayList<>();
        for (String name : names) {
            (fileName(name).equals(METADATA_CSV) ? csv : lists).add(name);
        }
        List<String> found = !csv.isEmpty() ? csv : lists;
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            problems.add("no metadata.csv (LJSpeech layout) or .list file (GPT-SoVITS layout) at the top of the zip"
                    + " or in its top folder");
        } else {
            problems.add("the zip holds several " + (found == csv ? "metadata.csv" : ".list") + " files ("
                    + String.join(", ", found) + "); upload one dataset per zip");
        }
        return null;
    }

    /** Metadata candidates (at most one folder deep) and WAV files; macOS resource forks are not. */
    private static boolean wanted(String name) {
        String file = fileName(name);
        if (name.startsWith("__MACOSX/") || file.startsWith("._")) {
            return false;
        }
        if (isWav(name)) {
            return true;
        }
        boolean shallow = name.indexOf('/') == name.lastIndexOf('/');
        return shallow && (file.equals(METADATA_CSV) || file.toLowerCase(Locale.ROOT).endsWith(".list"));
    }

    /** Strict UTF-8: a byte that is not is reported with its line, never replaced; null then. */
    private static String utf8(String name, byte[] bytes, Problems problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            problems.add("%s is not UTF-8: byte 0x%02X at line %d (offset %d) cannot be decoded; save the file as UTF-8"
                    .formatted(name, bytes[offset] & 0xff, line, offset));
            return null;
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static List<Line> lines(String text) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].endsWith("\r") ? raw[i].substring(0, raw[i].length() - 1) : raw[i];
            if (!line.isBlank()) {
                lines.add(new Line(i + 1, line));
            }
        }
        return lines;
    }

    private static boolean isWav(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".wav");
    }

    private static String fileName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** The folder of an entry with its trailing slash, or "" at the top. */
    private static String directory(String name) {
        return name.substring(0, name.lastIndexOf('/') + 1);
    }
}
