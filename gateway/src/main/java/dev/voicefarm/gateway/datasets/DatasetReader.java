package dev.voicefarm.gateway.datasets;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.common.voices.DatasetManifest;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.jobs.SpeechText;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Reads an uploaded dataset zip into normalised clips, or refuses it with every problem named.
 *
 * <p>Layouts, at the top of the zip or inside one top folder ({@code myvoice/metadata.csv}):
 * <ul>
 *   <li>LJSpeech ({@value #LJSPEECH}): {@code metadata.csv} with lines {@code id|text} or
 *       {@code id|text|normalized text} (the last column is the text), audio in {@code wavs/<id>.wav};</li>
 *   <li>GPT-SoVITS ({@value #GPT_SOVITS_LIST}): one {@code *.list} file with lines
 *       {@code path|speaker|language|text}; the WAV is the zip's file with the path's file name,
 *       wherever it sits (the paths are usually those of the machine that made the list). The
 *       language is one the farm speaks, in any case, optionally with GPT-SoVITS's {@code all_}
 *       prefix ({@code en}, {@code ZH}, {@code all_ja}).</li>
 * </ul>
 * A zip holds exactly one metadata file: a second one, of either layout, is refused rather than
 * guessed between. Every referenced WAV must be present, readable integer PCM sampled at
 * {@value #MIN_SAMPLE_RATE} to {@value #MAX_SAMPLE_RATE} Hz and last {@value #MIN_SECONDS} to
 * {@value #MAX_SECONDS} s, measured on the samples present, never on a header's sizes; there must be
 * at least {@value #MIN_CLIPS} clips; the metadata must be UTF-8 and every text follow the
 * {@link SpeechText} rules of synthesis. Files nobody references are ignored, except that every WAV
 * in the zip is read and counts towards the {@value #MAX_TOTAL_SECONDS} s an upload may hold. Clip
 * ids are the LJSpeech ids or the WAV file names without {@code .wav}; they become object keys, so
 * they are restricted to letters, digits, {@code .}, {@code _} and {@code -}.
 */
public final class DatasetReader {

    public static final String LJSPEECH = "ljspeech";
    public static final String GPT_SOVITS_LIST = "gpt-sovits-list";
    public static final int MIN_CLIPS = 10;
    public static final double MIN_SECONDS = 1;
    public static final double MAX_SECONDS = 30;
    /**
     * Rates real recordings use. The resampler's work and memory grow with the rate, so bounding it
     * (with {@link #MAX_SECONDS}) bounds what one clip can cost, whatever its header claims.
     */
    public static final int MIN_SAMPLE_RATE = 8000;
    public static final int MAX_SAMPLE_RATE = 48000;
    /**
     * The audio one upload may hold (an hour: far more than a voice needs). Normalising it costs at
     * most about 25 s of CPU and holds 160 MB of clips, so a small zip of silence cannot cost more.
     */
    public static final double MAX_TOTAL_SECONDS = 1800;

    /** Far longer than any valid line (an id or path and at most two texts); longer ones are not split. */
    private static final int MAX_LINE_CHARS = 16_384;
    private static final Logger LOG = Logger.getLogger(DatasetReader.class);
    private static final String METADATA_CSV = "metadata.csv";
    private static final Pattern CLIP_ID = Pattern.compile("[\\p{L}\\p{N}_-][\\p{L}\\p{N}._-]{0,127}");

    private final ZipReader zip;
    private final double maxTotalSeconds;

    public DatasetReader() {
        this(ZipReader.Limits.DEFAULT, MAX_TOTAL_SECONDS);
    }

    DatasetReader(ZipReader.Limits limits, double maxTotalSeconds) {
        this.zip = new ZipReader(limits);
        this.maxTotalSeconds = maxTotalSeconds;
    }

    /** @throws ApiException 400 {@code invalid_dataset} naming what is wrong */
    public DatasetContent read(byte[] zipBytes) {
        Problems problems = new Problems();
        Map<String, byte[]> metadataFiles = new LinkedHashMap<>();
        Map<String, Audio> audio = new LinkedHashMap<>();
        Decoder decoder = new Decoder(maxTotalSeconds);
        zip.read(zipBytes, DatasetReader::wanted, (name, content) -> {
            if (isWav(name)) {
                audio.put(name, decoder.decode(name, content));
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
        List<Line> lines = lines(metadata, text, problems);
        if (lines.size() < MIN_CLIPS) {
            problems.add(metadata + " lists " + lines.size() + (lines.size() == 1 ? " clip" : " clips")
                    + "; a dataset needs at least " + MIN_CLIPS);
        }

        Map<String, List<String>> wavsByFileName = new HashMap<>();
        audio.keySet().forEach(name -> wavsByFileName.computeIfAbsent(fileName(name), n -> new ArrayList<>()).add(name));
        Map<String, Integer> idLines = new HashMap<>();
        List<DatasetContent.Clip> clips = new ArrayList<>();
        for (Line line : lines) {
            if (line.text() == null) {
                continue;  // too long to be read, reported already
            }
            String where = metadata + " line " + line.number() + ": ";
            int before = problems.size();
            Reference reference = LJSPEECH.equals(layout)
                    ? ljspeech(line, directory(metadata), where, problems)
                    : gptSovits(line, where, wavsByFileName, problems);
            if (reference == null) {
                continue;
            }
            SpeechText.check(reference.text())
                    .ifPresent(problem -> problems.add(where + "text " + problem.description()));
            if (!usableId(reference.id(), where, idLines, problems)) {
                continue;
            }
            idLines.put(reference.id(), line.number());
            Audio clip = reference.wavName() == null ? null : audio.get(reference.wavName());
            if (reference.wavName() != null && clip == null) {
                problems.add(where + reference.wavName() + " is missing from the zip");
            } else if (clip != null && clip.problem() != null) {
                problems.add(where + reference.wavName() + " " + clip.problem());
            }
            if (problems.size() == before) {
                clips.add(new DatasetContent.Clip(reference.id(), reference.text(), clip.wav(),
                        clip.wav().durationSeconds()));
            }
        }
        problems.throwIfAny();
        // Resampling is the costly part: only a dataset with nothing wrong pays for it.
        return new DatasetContent(layout, clips.stream().map(DatasetReader::normalised).toList());
    }

    private static DatasetContent.Clip normalised(DatasetContent.Clip clip) {
        Wav wav = clip.wav().toMono16(DatasetManifest.SAMPLE_RATE);
        return new DatasetContent.Clip(clip.id(), clip.text(), wav, wav.durationSeconds());
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

    /** One non-blank line of the metadata file, numbered from 1; {@code text} is null when it is too long. */
    private record Line(int number, String text) {
    }

    /** What a line names; {@code wavName} is null when no single file fits. */
    private record Reference(String id, String text, String wavName) {
    }

    /** A WAV entry as uploaded (checked, not normalised yet), or what makes it unusable, said after its name ("lasts 0.50 s; ..."). */
    private record Audio(Wav wav, String problem) {
        static Audio refused(String problem) {
            return new Audio(null, problem);
        }
    }

    /**
     * Reads WAV entries, checking what normalising them would cost before anything is resampled:
     * the rate and the length of the samples present, then the upload's budget.
     */
    private static final class Decoder {

        private final double maxTotalSeconds;
        private double totalSeconds;

        Decoder(double maxTotalSeconds) {
            this.maxTotalSeconds = maxTotalSeconds;
        }

        /** @throws ApiException 400 once the zip's clips last longer than allowed, before the one over is normalised */
        Audio decode(String name, byte[] bytes) {
            try {
                return check(bytes);
            } catch (ApiException e) {
                throw e;
            } catch (RuntimeException e) {
                // Wav checks what it reads, so this is a bug; it costs the upload this entry, not a 500.
                LOG.warnf(e, "could not decode dataset entry %s", name);
                return Audio.refused("is not a readable WAV file");
            }
        }

        private Audio check(byte[] bytes) {
            Wav source;
            try {
                source = Wav.parse(bytes);
            } catch (IllegalArgumentException e) {
                return Audio.refused("is not a readable WAV file: " + e.getMessage());
            }
            if (source.sampleRate() < MIN_SAMPLE_RATE || source.sampleRate() > MAX_SAMPLE_RATE) {
                return Audio.refused("is sampled at " + source.sampleRate() + " Hz; clips must be sampled at "
                        + MIN_SAMPLE_RATE + " to " + MAX_SAMPLE_RATE + " Hz");
            }
            double seconds = source.durationSeconds();
            if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
                return Audio.refused("lasts " + String.format(Locale.ROOT, "%.2f", seconds) + " s; clips must last "
                        + (int) MIN_SECONDS + " to " + (int) MAX_SECONDS + " s");
            }
            totalSeconds += seconds;
            if (totalSeconds > maxTotalSeconds) {
                throw Problems.fatal("the zip's WAV files last more than %.0f s in all; a dataset may hold at most"
                        .formatted(maxTotalSeconds) + " that much audio");
            }
            return new Audio(source, null);
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
        String language = fields[2].trim();
        if (listLanguage(language).isEmpty()) {
            problems.add(where + "language '" + language + "' is not one the farm speaks; use one of "
                    + Language.codes() + " (in any case, optionally with GPT-SoVITS's all_ prefix)");
        }
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

    /** A {@code .list} language as GPT-SoVITS writes it ({@code en}, {@code ZH}, {@code all_ja}), if the farm's. */
    static Optional<Language> listLanguage(String code) {
        String lower = code.toLowerCase(Locale.ROOT);
        return Language.fromCode(lower.startsWith("all_") ? lower.substring("all_".length()) : lower);
    }

    /**
     * The one metadata file of the zip, or null with the problem recorded. Two are refused, whatever
     * their layouts: picking one would train on a dataset the uploader may not have meant.
     */
    private static String metadataFile(Collection<String> names, Problems problems) {
        if (names.size() == 1) {
            return names.iterator().next();
        }
        if (names.isEmpty()) {
            problems.add("no metadata.csv (LJSpeech layout) or .list file (GPT-SoVITS layout) at the top of the zip"
                    + " or in its top folder");
            return null;
        }
        long csv = names.stream().filter(name -> fileName(name).equals(METADATA_CSV)).count();
        String kind = csv == names.size() ? "several metadata.csv files"
                : csv == 0 ? "several .list files" : "both metadata.csv and .list files";
        problems.add("the zip holds " + kind + " (" + String.join(", ", names) + "); upload one dataset per zip");
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

    /**
     * The non-blank lines. One longer than {@link #MAX_LINE_CHARS} is reported here and kept without
     * its text, so it still counts as a clip but is never copied (the entry may hold 50 MB).
     */
    private static List<Line> lines(String name, String text, Problems problems) {
        List<Line> lines = new ArrayList<>();
        int number = 0;
        for (int start = 0; start <= text.length(); ) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            number++;
            if (stop - start > MAX_LINE_CHARS) {
                problems.add(name + " line " + number + ": the line has " + (stop - start) + " characters;"
                        + " lines may hold at most " + MAX_LINE_CHARS + " and texts " + SpeechText.MAX_CHARS);
                lines.add(new Line(number, null));
            } else {
                String line = text.substring(start, stop);
                if (!line.isBlank()) {
                    lines.add(new Line(number, line));
                }
            }
            start = end + 1;
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
