package dev.voicefarm.common.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class WavTest {

    private static Wav tone(int sampleRate, int frames) {
        ByteBuffer pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            pcm.putShort((short) (Math.sin(2 * Math.PI * 440 * i / sampleRate) * 16000));
        }
        return new Wav(sampleRate, 1, 16, pcm.array());
    }

    @Test
    void roundTripsThroughBytes() {
        Wav wav = tone(22050, 22050);
        Wav back = Wav.parse(wav.toBytes());
        assertEquals(22050, back.sampleRate());
        assertEquals(1, back.channels());
        assertEquals(16, back.bitsPerSample());
        assertArrayEquals(wav.pcm(), back.pcm());
        assertEquals(1.0, back.durationSeconds(), 1e-9);
    }

    @Test
    void readsStreamingHeadersWithPlaceholderSizes() {
        byte[] bytes = tone(22050, 1000).toBytes();
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(4, 0x7fffffff);
        header.putInt(40, 0x7fffffff);
        Wav wav = Wav.parse(bytes);
        assertEquals(1000, wav.frames());
    }

    @Test
    void writesExactSizes() {
        byte[] bytes = tone(16000, 160).toBytes();
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(bytes.length - 8, header.getInt(4));
        assertEquals(320, header.getInt(40));
    }

    @Test
    void rmsTellsSpeechFromSilence() {
        assertEquals(0.0, new Wav(16000, 1, 16, new byte[3200]).rms());
        assertTrue(tone(16000, 1600).rms() > 0.3);
    }

    @Test
    void rejectsWhatIsNotAWavFile() {
        assertThrows(IllegalArgumentException.class, () -> Wav.parse("not audio at all".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> Wav.parse(new byte[0]));
    }

    @Test
    void rejectsAFileWithoutData() {
        byte[] headerOnly = new byte[36];
        System.arraycopy(tone(16000, 10).toBytes(), 0, headerOnly, 0, 36);
        assertThrows(IllegalArgumentException.class, () -> Wav.parse(headerOnly));
    }
}
