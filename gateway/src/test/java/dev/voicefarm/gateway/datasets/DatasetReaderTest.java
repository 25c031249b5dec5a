package dev.voicefarm.gateway.datasets;

import dev.voicefarm.common.testing.InMemoryZip;
import static dev.voicefarm.gateway.datasets.TestZips.tone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.gateway.api.ApiException;
import dev.voicefarm.gateway.jobs.SpeechText;
import jakarta.ws.rs.core.Response.Status;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class DatasetReaderTest {

    private final DatasetReader reader = new DatasetReader();

    @Test
    void readsLjSpeechUnderATopFolderAndNormalisesEveryClip() {
        InMemoryZip zip = new InMemoryZip()
                .add("myvoice/", new byte[0])
                .add("myvoice/README.txt", "not part of the dataset")
                .add("myvoice/wavs/unused.wav", "not even audio")
                .add("__MACOSX/myvoice/._metadata.csv", new byte[] {0, 1, 2})
                .add("myvoice/wavs/LJ001.wav", tone(2.0, 44100, 2, 24, 440))
                .add("myvoice/wavs/LJ002.wav", tone(1.0, 16000, 1, 16, 300))
                .add("myvoice/wavs/LJ003.wav", tone(30.0, 48000, 1, 32, 200))
                .add("myvoice/wavs/LJ004.wav", tone(1.25, 8000, 1, 8, 300));
        StringBuilder metadata = new StringBuilder("\uFEFFLJ001|Dr. Smith said 2 words.|Doctor Smith said two words.\r\n");
        metadata.append("LJ002|Plain text, two columns.\r\n");
        metadata.append("LJ003|Thirty seconds exactly.\n");
        metadata.append("LJ004|Eight-bit audio, still fine.\n\n");
        for (int i = 5; i <= 12; i++) {
            String id = "LJ%03d".formatted(i);
            zip.add("myvoice/wavs/" + id + ".wav", tone(1.5));
            metadata.append(id).append("|Über naïve café number ").append(i).append(".\n");
        }
        zip.add("myvoice/metadata.csv", metadata.toString());

        DatasetContent dataset = reader.read(zip.bytes());

        assertEquals(DatasetReader.LJSPEECH, dataset.layout());
        assertEquals(12, dataset.clips().size());
        DatasetContent.Clip first = dataset.clips().get(0);
        assertEquals("LJ001", first.id());
        assertEquals("Doctor Smith said two words.", first.text());
        assertEquals("Plain text, two columns.", dataset.clips().get(1).text());
        assertEquals("Über naïve café number 12.", dataset.clips().get(11).text());
        for (DatasetContent.Clip clip : dataset.clips()) {
            Wav wav = clip.wav();
            assertEquals(22050, wav.sampleRate(), clip.id());
            assertEquals(1, wav.channels(), clip.id());
            assertEquals(16, wav.bitsPerSample(), clip.id());
            assertEquals(wav.durationSeconds(), clip.seconds(), 1e-9);
            assertTrue(wav.rms() > 0.1, clip.id() + " kept its sound: " + wav.rms());
        }
        assertEquals(2.0, first.seconds(), 1.0 / 22050);
        assertEquals(30.0, dataset.clips().get(2).seconds(), 1.0 / 22050);
        assertEquals(2.0 + 1.0 + 30.0 + 1.25 + 8 * 1.5, dataset.totalSeconds(), 1e-3);
    }

    @Test
    void readsLjSpeechAtTheTopOfTheZip() {
        DatasetContent dataset = reader.read(TestZips.ljspeech("", 10).bytes());
        assertEquals(10, dataset.clips().size());
        assertEquals("Sentence number 10.", dataset.clips().get(9).text());
    }

    @Test
    void readsAGptSovitsListFindingEachWavByItsFileName() {
        InMemoryZip zip = new InMemoryZip();
        StringBuilder list = new StringBuilder();
        for (int i = 1; i <= 11; i++) {
            String file = "vocal.wav_%07d_%07d.wav".formatted(i * 1000, i * 1000 + 1500);
            zip.add("speaker-a/slicer_opt/" + file, tone(1.5, 32000, 2, 16, 330));
            String path = i % 2 == 0
                    ? "D:\\GPT-SoVITS\\output\\slicer_opt\\" + file
                    : "/home/me/GPT-SoVITS/output/slicer_opt/" + file;
            list.append(path).append("|speaker-a|en|Line ").append(i).append(" | with a bar.\n");
        }
        zip.add("speaker-a/speaker-a.list", list.toString());

        DatasetContent dataset = reader.read(zip.bytes());

        assertEquals(DatasetReader.GPT_SOVITS_LIST, dataset.layout());
        assertEquals(11, dataset.clips().size());
        DatasetContent.Clip clip = dataset.clips().get(1);
        assertEquals("vocal.wav_0002000_0003500", clip.id());
        assertEquals("Line 2 | with a bar.", clip.text());
        assertEquals(22050, clip.wav().sampleRate());
        assertEquals(1.5, clip.seconds(), 1.0 / 22050);
    }

    @Test
    void missingWav() {
        InMemoryZip zip = new InMemoryZip();
        StringBuilder metadata = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            if (i != 3) {
                zip.add("wavs/LJ%03d.wav".formatted(i), tone(1.5));
            }
            metadata.append("LJ%03d|Text %d.\n".formatted(i, i));
        }
        zip.add("metadata.csv", metadata.toString());
        assertEquals("the dataset has 1 problem: metadata.csv line 3: wavs/LJ003.wav is missing from the zip",
                rejected(zip.bytes()).getMessage());
    }

    @Test
    void missingWavOfAList() {
        InMemoryZip zip = new InMemoryZip();
        StringBuilder list = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            zip.add("clips/c" + i + ".wav", tone(1.5));
            list.append("x/c").append(i == 7 ? "70" : i).append(".wav|s|en|Text.\n");
        }
        zip.add("voice.list", list.toString());
        assertMessage(zip.bytes(), "voice.list line 7: no file named 'c70.wav' in the zip (for 'x/c70.wav')");
    }

    @Test
    void clipTooShort() {
        byte[] zip = TestZips.ljspeech("v/", 11).add("v/wavs/LJ099.wav", tone(0.5)).bytes();
        byte[] withShort = withMetadataLine(zip, "v/", "LJ099|Short one.");
        assertMessage(withShort, "v/metadata.csv line 12: v/wavs/LJ099.wav lasts 0.50 s; clips must last 1 to 30 s");
    }

    @Test
    void clipTooLong() {
        InMemoryZip zip = new InMemoryZip();
        StringBuilder metadata = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            zip.add("wavs/c" + i + ".wav", i == 4 ? tone(31, 44100, 2, 16, 220) : tone(1.5));
            metadata.append("c").append(i).append("|Text.\n");
        }
        zip.add("metadata.csv", metadata.toString());
        assertMessage(zip.bytes(), "metadata.csv line 4: wavs/c4.wav lasts 31.00 s; clips must last 1 to 30 s");
    }

    @Test
    void nineClipsAreTooFew() {
        assertEquals("the dataset has 1 problem: metadata.csv lists 9 clips; a dataset needs at least 10",
                rejected(TestZips.ljspeech("", 9).bytes()).getMessage());
    }

    @Test
    void metadataMustBeUtf8() {
        StringBuilder metadata = new StringBuilder();
        InMemoryZip zip = new InMemoryZip();
        for (int i = 1; i <= 10; i++) {
            zip.add("wavs/c" + i + ".wav", tone(1.5));
            metadata.append("c").append(i).append(i == 4 ? "|caf\u00e9 au lait.\n" : "|Text.\n");
        }
        zip.add("metadata.csv", metadata.toString().getBytes(StandardCharsets.ISO_8859_1));
        assertMessage(zip.bytes(), "metadata.csv is not UTF-8: byte 0xE9 at line 4 (offset 33) cannot be decoded");
    }

    @Test
    void emptyTextAndBadLinesAreNamed() {
        InMemoryZip zip = new InMemoryZip();
        for (int i = 1; i <= 10; i++) {
            zip.add("wavs/c" + i + ".wav", tone(1.5));
        }
        zip.add("metadata.csv", "c1|Text.\nc2|   \nc3\nc4|a|b|c\nc5|Text.\nc5|Again.\nc6|Text.\n"
                + "c7|Text.\nc8|Text.\nc9|Text.\nc 10|Text.\n");
        String message = rejected(zip.bytes()).getMessage();
        assertTrue(message.startsWith("the dataset has 5 problems: "), message);
        assertTrue(message.contains("metadata.csv line 2: text is empty"), message);
        assertTrue(message.contains("metadata.csv line 3: expected id|text or id|text|normalized text, found 1 field"),
                message);
        assertTrue(message.contains("metadata.csv line 4: expected id|text or id|text|normalized text, found 4 fields"),
                message);
        assertTrue(message.contains("metadata.csv line 6: clip id 'c5' is already used on line 5"), message);
        assertTrue(message.contains("metadata.csv line 11: clip id 'c 10' may only hold letters, digits"), message);
    }

    @Test
    void zipSlipNamesAreRefused() {
        byte[] zip = TestZips.ljspeech("", 10)
                .add("../../etc/evil.wav", tone(1.5))
                .add("/abs/path.txt", "x")
                .add("C:/windows/x.txt", "x")
                .add("wavs\\LJ001.wav", tone(1.5))
                .add("ok/../../sneaky.txt", "x")
                .bytes();
        String message = rejected(zip).getMessage();
        assertTrue(message.startsWith("the dataset has 5 problems: "), message);
        assertTrue(message.contains("entry '../../etc/evil.wav': '..' segments are not allowed"), message);
        assertTrue(message.contains("entry '/abs/path.txt': absolute paths are not allowed"), message);
        assertTrue(message.contains("entry 'C:/windows/x.txt': absolute paths are not allowed"), message);
        assertTrue(message.contains("entry 'wavs\\LJ001.wav': backslashes are not allowed in names"), message);
        assertTrue(message.contains("entry 'ok/../../sneaky.txt': '..' segments are not allowed"), message);
    }

    @Test
    void repeatedEntriesAreRefused() {
        // ZipOutputStream refuses duplicates, so the second copy gets a same-length name patched after.
        byte[] zip = TestZips.ljspeech("", 10).add("wavs/LJ0XX.wav", tone(1.5)).bytes();
        byte[] patched = replace(zip, "wavs/LJ0XX.wav", "wavs/LJ001.wav");
        assertMessage(patched, "entry 'wavs/LJ001.wav' appears more than once");
    }

    @Test
    void unreadableWavIsNamed() {
        InMemoryZip zip = new InMemoryZip();
        StringBuilder metadata = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            zip.add("wavs/c" + i + ".wav", i == 2 ? "ID3 this is an mp3".getBytes() : tone(1.5));
            metadata.append("c").append(i).append("|Text.\n");
        }
        zip.add("metadata.csv", metadata.toString());
        assertMessage(zip.bytes(), "metadata.csv line 2: wavs/c2.wav is not a readable WAV file: not a RIFF/WAVE file");
    }

    @Test
    void listsAtMostTwentyProblemsThenCountsTheRest() {
        StringBuilder metadata = new StringBuilder();
        for (int i = 1; i <= 25; i++) {
            metadata.append("c").append(i).append("|Text.\n");
        }
        byte[] zip = new InMemoryZip().add("metadata.csv", metadata.toString()).bytes();
        String message = rejected(zip).getMessage();
        assertTrue(message.startsWith("the dataset has 25 problems: metadata.csv line 1: wavs/c1.wav is missing"),
                message);
        assertTrue(message.contains("line 20: wavs/c20.wav is missing from the zip; and 5 more"), message);
        assertFalse(message.contains("c21"), message);
        assertTrue(message.endsWith("; and 5 more"), message);
    }

    @Test
    void needsExactlyOneMetadataFile() {
        assertMessage(new InMemoryZip().add("wavs/a.wav", tone(1.5)).add("deep/er/metadata.csv", "a|b").bytes(),
                "no metadata.csv (LJSpeech layout) or .list file (GPT-SoVITS layout) at the top of the zip or in its"
                        + " top folder");
        assertMessage(new InMemoryZip().add("a/metadata.csv", "x|y").add("b/metadata.csv", "x|y").bytes(),
                "the zip holds several metadata.csv files (a/metadata.csv, b/metadata.csv); upload one dataset per zip");
    }

    @Test
    void aMetadataCsvBesideAListIsRefusedNotChosenBetween() {
        byte[] both = TestZips.ljspeech("", 10).add("voice.list", "wavs/LJ001.wav|s|en|Text.\n").bytes();
        assertEquals("the dataset has 1 problem: the zip holds both metadata.csv and .list files"
                + " (metadata.csv, voice.list); upload one dataset per zip", rejected(both).getMessage());
        byte[] twoLists = new InMemoryZip().add("a.list", "x.wav|s|en|A.").add("v/b.list", "x.wav|s|en|B.").bytes();
        assertMessage(twoLists, "the zip holds several .list files (a.list, v/b.list); upload one dataset per zip");
        byte[] nested = TestZips.ljspeech("", 10).add("v/metadata.csv", "LJ001|Text.").bytes();
        assertMessage(nested, "the zip holds several metadata.csv files (metadata.csv, v/metadata.csv)");
    }

    @Test
    void sampleRatesOutsideEightToFortyEightKilohertzAreRefusedNamingTheRate() {
        // Two seconds at 1 MHz deflate to a few kB; decoding them by their declared rate cost seconds of CPU.
        byte[] zip = tenClips(Map.of(2, tone(2.0, 1_000_000, 1, 16, 440), 5, tone(1.5, 48001, 1, 16, 440),
                7, tone(1.5, 7999, 1, 16, 440)), Map.of());
        String message = rejected(zip).getMessage();
        assertTrue(message.startsWith("the dataset has 3 problems: "), message);
        assertTrue(message.contains("metadata.csv line 2: wavs/c2.wav is sampled at 1000000 Hz;"
                + " clips must be sampled at 8000 to 48000 Hz"), message);
        assertTrue(message.contains("line 5: wavs/c5.wav is sampled at 48001 Hz"), message);
        assertTrue(message.contains("line 7: wavs/c7.wav is sampled at 7999 Hz"), message);
    }

    @Test
    void twentyFramesAtOneHertzAreNotTwentySeconds() {
        assertMessage(tenClips(Map.of(3, tone(20, 1, 1, 16, 0)), Map.of()),
                "metadata.csv line 3: wavs/c3.wav is sampled at 1 Hz; clips must be sampled at 8000 to 48000 Hz");
    }

    @Test
    void lengthIsThatOfTheSamplesPresentNotOfTheHeader() {
        byte[] wav = tone(20.0 / 22050);
        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(4, 36 + 20 * 22050 * 2);
        header.putInt(40, 20 * 22050 * 2);  // the data chunk claims 20 s; 20 frames follow
        assertMessage(tenClips(Map.of(4, wav), Map.of()),
                "metadata.csv line 4: wavs/c4.wav lasts 0.00 s; clips must last 1 to 30 s");
    }

    @Test
    void malformedHeadersAreProblemsOfTheirClip() {
        byte[] noChannels = tone(1.5);
        ByteBuffer.wrap(noChannels).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 0);
        byte[] oddWidth = tone(1.5);
        ByteBuffer.wrap(oddWidth).order(ByteOrder.LITTLE_ENDIAN).putShort(34, (short) 12);
        byte[] wrongBlockAlign = tone(1.5);
        ByteBuffer.wrap(wrongBlockAlign).order(ByteOrder.LITTLE_ENDIAN).putShort(32, (short) 3);
        byte[] endlessFmt = tone(1.5);
        ByteBuffer.wrap(endlessFmt).order(ByteOrder.LITTLE_ENDIAN).putInt(16, -1);
        byte[] negativeRate = tone(1.5);
        ByteBuffer.wrap(negativeRate).order(ByteOrder.LITTLE_ENDIAN).putInt(24, Integer.MIN_VALUE);

        String message = rejected(tenClips(Map.of(1, noChannels, 2, oddWidth, 3, wrongBlockAlign, 4, endlessFmt,
                5, negativeRate), Map.of())).getMessage();

        assertTrue(message.startsWith("the dataset has 5 problems: "), message);
        assertTrue(message.contains("line 1: wavs/c1.wav is not a readable WAV file:"
                + " WAV fmt chunk declares 0 channels"), message);
        assertTrue(message.contains("line 2: wavs/c2.wav is not a readable WAV file: WAV with 12-bit samples"),
                message);
        assertTrue(message.contains("line 3: wavs/c3.wav is not a readable WAV file: WAV fmt chunk declares 3-byte"
                + " frames; 1 channels of 16 bits take 2"), message);
        assertTrue(message.contains("line 4: wavs/c4.wav is not a readable WAV file: WAV file has no data chunk"),
                message);
        assertTrue(message.contains("line 5: wavs/c5.wav is not a readable WAV file: WAV fmt chunk declares 1 channels"
                + " at -2147483648 Hz"), message);
    }

    @Test
    void anUploadMayHoldOnlySoMuchAudio() {
        assertEquals(10 * 1.5, new DatasetReader(ZipReader.Limits.DEFAULT, 15).read(tenClips(Map.of(), Map.of()))
                .totalSeconds(), 1e-3);
        DatasetReader tenSeconds = new DatasetReader(ZipReader.Limits.DEFAULT, 10);
        assertEquals("the zip's WAV files last more than 10 s in all; a dataset may hold at most that much audio",
                rejected(tenSeconds, tenClips(Map.of(), Map.of())).getMessage());
    }

    @Test
    void transcriptsFollowTheTextRulesOfSynthesis() {
        String atTheLimit = "語".repeat(SpeechText.MAX_CHARS);
        byte[] zip = tenClips(Map.of(), Map.of(3, "a".repeat(4500), 4, "Ring\u0007ring.", 5, "A tab\tis fine.",
                6, atTheLimit));
        String message = rejected(zip).getMessage();
        assertTrue(message.startsWith("the dataset has 2 problems: "), message);
        assertTrue(message.contains("metadata.csv line 3: text has 4500 characters; the limit is 4096"), message);
        assertTrue(message.contains("metadata.csv line 4: text contains control character U+0007"), message);
    }

    @Test
    void aTenMegabyteLineIsRefusedAndStillCounted() {
        int length = 10 * 1024 * 1024;
        byte[] zip = tenClips(Map.of(), Map.of(3, "a".repeat(length - "c3|".length())));
        assertEquals("the dataset has 1 problem: metadata.csv line 3: the line has 10485760 characters;"
                + " lines may hold at most 16384 and texts 4096", rejected(zip).getMessage());
    }

    @Test
    void listLanguagesAreThoseOfTheFarmInAnyCaseAndWithAllPrefix() {
        String[] accepted = {"en", "EN", "zh", "ZH", "all_zh", "ja", "ALL_JA", "ko", "yue", "Yue"};
        InMemoryZip zip = new InMemoryZip();
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < accepted.length; i++) {
            zip.add("c" + i + ".wav", tone(1.5));
            list.append("c").append(i).append(".wav|s|").append(accepted[i]).append("|Text.\n");
        }
        assertEquals(accepted.length, reader.read(zip.add("v.list", list.toString()).bytes()).clips().size());

        InMemoryZip bad = new InMemoryZip();
        StringBuilder badList = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            bad.add("c" + i + ".wav", tone(1.5));
            badList.append("c").append(i).append(".wav|s|").append(i == 1 ? "??" : i == 4 ? "auto" : "en")
                    .append("|Text.\n");
        }
        String message = rejected(bad.add("v.list", badList.toString()).bytes()).getMessage();
        assertTrue(message.startsWith("the dataset has 2 problems: "), message);
        assertTrue(message.contains("v.list line 2: language '??' is not one the farm speaks; use one of en, zh, ja,"
                + " ko, yue, de, fr, es, it, pt (in any case, optionally with GPT-SoVITS's all_ prefix)"), message);
        assertTrue(message.contains("v.list line 5: language 'auto' is not one the farm speaks"), message);
    }

    @Test
    void whatIsNotAZipIsSaidSo() {
        assertEquals("the request body is not a zip archive; send the dataset as a .zip file",
                rejected("just some text, not a zip".getBytes()).getMessage());
        assertEquals("the zip archive is empty", rejected(new InMemoryZip().bytes()).getMessage());
        byte[] valid = TestZips.ljspeech("", 10).bytes();
        String truncated = rejected(Arrays.copyOf(valid, valid.length / 2)).getMessage();
        assertTrue(truncated.startsWith("the zip archive cannot be read: "), truncated);
    }

    @Test
    void entryOverTheLimitCountsInflatedBytesNotItsHeader() throws Exception {
        int size = (int) (50 * ZipReader.MB) + 1;
        byte[] zip = deflatedEntryWithSizesInHeader("wavs/huge.wav", new byte[size]);
        ByteBuffer header = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(size, header.getInt(22), "the local header declares the real size");
        header.putInt(22, 1000);  // now it claims 1000 bytes
        assertEquals("entry 'wavs/huge.wav' unpacks to more than 50 MB; each file may hold at most that",
                rejected(zip).getMessage());
    }

    @Test
    void totalAndEntryCountLimits() {
        DatasetReader small = new DatasetReader(new ZipReader.Limits(5, ZipReader.MB, ZipReader.MB),
                DatasetReader.MAX_TOTAL_SECONDS);
        InMemoryZip many = new InMemoryZip();
        for (int i = 0; i < 6; i++) {
            many.add("f" + i + ".txt", "x");
        }
        assertEquals("the zip has more than 5 entries", rejected(small, many.bytes()).getMessage());
        byte[] big = new InMemoryZip().add("a.bin", new byte[600_000]).add("b.bin", new byte[600_000]).bytes();
        assertEquals("the zip unpacks to more than 1 MB in total", rejected(small, big).getMessage());
    }

    @Test
    void theDefaultLimitsAreThoseOfTheApi() {
        assertEquals(new ZipReader.Limits(2000, 50L * 1024 * 1024, 250L * 1024 * 1024), ZipReader.Limits.DEFAULT);
    }

    /** Ten 1.5 s clips c1 to c10 in LJSpeech layout; clip n's WAV or text replaced where the maps say. */
    private static byte[] tenClips(Map<Integer, byte[]> wavs, Map<Integer, String> texts) {
        InMemoryZip zip = new InMemoryZip();
        StringBuilder metadata = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            zip.add("wavs/c" + i + ".wav", wavs.getOrDefault(i, tone(1.5)));
            metadata.append("c").append(i).append('|').append(texts.getOrDefault(i, "Text " + i + ".")).append('\n');
        }
        return zip.add("metadata.csv", metadata.toString()).bytes();
    }

    private ApiException rejected(byte[] zip) {
        return rejected(reader, zip);
    }

    private static ApiException rejected(DatasetReader reader, byte[] zip) {
        ApiException e = assertThrows(ApiException.class, () -> reader.read(zip));
        assertEquals(Status.BAD_REQUEST, e.status());
        assertEquals("invalid_dataset", e.code());
        return e;
    }

    private void assertMessage(byte[] zip, String expected) {
        String message = rejected(zip).getMessage();
        assertTrue(message.contains(expected), message);
    }

    /** The zip with one more line in its metadata, rebuilt: metadata.csv is the last entry of {@link TestZips#ljspeech}. */
    private static byte[] withMetadataLine(byte[] zip, String root, String line) {
        InMemoryZip copy = new InMemoryZip();
        String[] metadata = {null};
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(root + "metadata.csv")) {
                    metadata[0] = new String(content, StandardCharsets.UTF_8);
                } else {
                    copy.add(e.getName(), content);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return copy.add(root + "metadata.csv", metadata[0] + line + "\n").bytes();
    }

    /** A zip whose one entry has its sizes and CRC in the local header (no data descriptor). */
    private static byte[] deflatedEntryWithSizesInHeader(String name, byte[] content) throws Exception {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(content);
        deflater.finish();
        byte[] buffer = new byte[64 * 1024];
        long compressed = 0;
        while (!deflater.finished()) {
            compressed += deflater.deflate(buffer);
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(content);
        ZipEntry entry = new ZipEntry(name);
        entry.setSize(content.length);
        entry.setCompressedSize(compressed);
        entry.setCrc(crc.getValue());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(entry);
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Replaces every occurrence of one ASCII name by another of the same length in the raw zip bytes. */
    private static byte[] replace(byte[] zip, String from, String to) {
        byte[] a = from.getBytes(StandardCharsets.US_ASCII);
        byte[] b = to.getBytes(StandardCharsets.US_ASCII);
        byte[] out = zip.clone();
        for (int i = 0; i + a.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + a.length, a, 0, a.length)) {
                System.arraycopy(b, 0, out, i, b.length);
            }
        }
        return out;
    }
}
