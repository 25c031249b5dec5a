package dev.voicefarm.gateway.datasets;

import static dev.voicefarm.gateway.datasets.TestZips.tone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.gateway.api.ApiException;
import jakarta.ws.rs.core.Response.Status;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class DatasetReaderTest {

    private final DatasetReader reader = new DatasetReader();

    @Test
    void readsLjSpeechUnderATopFolderAndNormalisesEveryClip() {
        TestZips zip = new TestZips()
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
        TestZips zip = new TestZips();
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
        TestZips zip = new TestZips();
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
        TestZips zip = new TestZips();
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
        TestZips zip = new TestZips();
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
        TestZips zip = new TestZips();
        for (int i = 1; i <= 10; i++) {
            zip.add("wavs/c" + i + ".wav", tone(1.5));
            metadata.append("c").append(i).append(i == 4 ? "|caf\u00e9 au lait.\n" : "|Text.\n");
        }
        zip.add("metadata.csv", metadata.toString().getBytes(StandardCharsets.ISO_8859_1));
        assertMessage(zip.bytes(), "metadata.csv is not UTF-8: byte 0xE9 at line 4 (offset 33) cannot be decoded");
    }

    @Test
    void emptyTextAndBadLinesAreNamed() {
        TestZips zip = new TestZips();
        for (int i = 1; i <= 10; i++) {
            zip.add("wavs/c" + i + ".wav", tone(1.5));
        }
        zip.add("metadata.csv", "c1|Text.\nc2|   \nc3\nc4|a|b|c\nc5|Text.\nc5|Again.\nc6|Text.\n"
                + "c7|Text.\nc8|Text.\nc9|Text.\nc 10|Text.\n");
        String message = rejected(zip.bytes()).getMessage();
        assertTrue(message.startsWith("the dataset has 5 problems: "), message);
        assertTrue(message.contains("metadata.csv line 2: empty text"), message);
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
        TestZips zip = new TestZips();
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
        byte[] zip = new TestZips().add("metadata.csv", metadata.toString()).bytes();
        String message = rejected(zip).getMessage();
        assertTrue(message.startsWith("the dataset has 25 problems: metadata.csv line 1: wavs/c1.wav is missing"),
                message);
        assertTrue(message.contains("line 20: wavs/c20.wav is missing from the zip; and 5 more"), message);
        assertFalse(message.contains("c21"), message);
        assertTrue(message.endsWith("; and 5 more"), message);
    }

    @Test
    void needsExactlyOneMetadataFile() {
        assertMessage(new TestZips().add("wavs/a.wav", tone(1.5)).add("deep/er/metadata.csv", "a|b").bytes(),
                "no metadata.csv (LJSpeech layout) or .list file (GPT-SoVITS layout) at the top of the zip or in its"
                        + " top folder");
        assertMessage(new TestZips().add("a/metadata.csv", "x|y").add("b/metadata.csv", "x|y").bytes(),
                "the zip holds several metadata.csv files (a/metadata.csv, b/metadata.csv); upload one dataset per zip");
    }

    @Test
    void whatIsNotAZipIsSaidSo() {
        assertEquals("the request body is not a zip archive; send the dataset as a .zip file",
                rejected("just some text, not a zip".getBytes()).getMessage());
        assertEquals("the zip archive is empty", rejected(new TestZips().bytes()).getMessage());
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
        DatasetReader small = new DatasetReader(new ZipReader.Limits(5, ZipReader.MB, ZipReader.MB));
        TestZips many = new TestZips();
        for (int i = 0; i < 6; i++) {
            many.add("f" + i + ".txt", "x");
        }
        assertEquals("the zip has more than 5 entries", rejected(small, many.bytes()).getMessage());
        byte[] big = new TestZips().add("a.bin", new byte[600_000]).add("b.bin", new byte[600_000]).bytes();
        assertEquals("the zip unpacks to more than 1 MB in total", rejected(small, big).getMessage());
    }

    @Test
    void theDefaultLimitsAreThoseOfTheApi() {
        assertEquals(new ZipReader.Limits(2000, 50L * 1024 * 1024, 500L * 1024 * 1024), ZipReader.Limits.DEFAULT);
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
        TestZips copy = new TestZips();
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
