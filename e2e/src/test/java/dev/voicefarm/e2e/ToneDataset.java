package dev.voicefarm.e2e;

import dev.voicefarm.common.audio.Wav;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A valid LJSpeech zip made in memory: ten 1.5 s tones with their texts (enough to upload, not to train a voice). */
final class ToneDataset {

    private ToneDataset() {
    }

    static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            StringBuilder metadata = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                metadata.append("clip").append(i).append("|Tone number ").append(i).append(".\n");
                zip.putNextEntry(new ZipEntry("wavs/clip" + i + ".wav"));
                zip.write(tone(220 + 20 * i).toBytes());
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("metadata.csv"));
            zip.write(metadata.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static Wav tone(double hz) {
        int rate = 22050;
        int frames = rate * 3 / 2;
        ByteBuffer pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            pcm.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / rate)));
        }
        return new Wav(rate, 1, 16, pcm.array());
    }
}
