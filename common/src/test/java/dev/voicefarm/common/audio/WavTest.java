package dev.voicefarm.common.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
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

    @Test
    void aDataChunkLongerThanTheFileIsCutToTheWholeFramesPresent() {
        byte[] full = tone(22050, 20).toBytes();
        byte[] bytes = java.util.Arrays.copyOf(full, full.length + 1);  // and half a frame more
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(40, 20 * 22050 * 2);  // claims 20 s
        assertEquals(20, Wav.parse(bytes).frames());
        header.putInt(40, -1);  // 4 GiB, past any int
        assertEquals(20, Wav.parse(bytes).frames());
        assertEquals(20.0 / 22050, Wav.parse(bytes).durationSeconds(), 1e-12);
    }

    @Test
    void refusesHeadersThatContradictThemselves() {
        assertRefused(h -> h.putShort(22, (short) 0), "WAV fmt chunk declares 0 channels at 16000 Hz");
        assertRefused(h -> h.putInt(24, Integer.MIN_VALUE), "WAV fmt chunk declares 1 channels at -2147483648 Hz");
        assertRefused(h -> h.putShort(34, (short) 12), "WAV with 12-bit samples; only 8, 16, 24 and 32-bit PCM");
        assertRefused(h -> h.putShort(34, (short) 0), "WAV with 0-bit samples");
        assertRefused(h -> h.putShort(32, (short) 0), "WAV fmt chunk declares 0-byte frames; 1 channels of 16 bits");
        assertRefused(h -> h.putShort(22, (short) 0xffff),
                "WAV fmt chunk declares 2-byte frames; 65535 channels of 16 bits take 131070");
        assertRefused(h -> h.putInt(16, -1), "WAV file has no data chunk");  // a fmt chunk that runs past the end
    }

    /** The 16 kHz mono tone with its header edited is refused for the reason given. */
    private static void assertRefused(Consumer<ByteBuffer> edit, String reason) {
        byte[] bytes = tone(16000, 160).toBytes();
        edit.accept(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Wav.parse(bytes));
        assertTrue(e.getMessage().startsWith(reason), e.getMessage());
    }

    @Test
    void noSingleHeaderByteMakesParsingOrNormalisingFailOtherwiseThanByRefusal() {
        byte[] valid = tone(16000, 160).toBytes();
        for (int offset = 0; offset < 44; offset++) {
            for (int value : new int[] {0, 1, 0x7f, 0x80, 0xff}) {
                byte[] bytes = valid.clone();
                bytes[offset] = (byte) value;
                try {
                    Wav wav = Wav.parse(bytes);
                    assertTrue(wav.toMono16(22050).frames() >= 0);
                } catch (IllegalArgumentException refused) {
                    assertTrue(!refused.getMessage().isBlank(), "byte " + offset + " = " + value);
                }
            }
        }
    }

    /** A sine tone as signed integer PCM of any width, the same on every channel but scaled by {@code gains}. */
    private static Wav tone(int sampleRate, int bits, double seconds, double frequency, double... gains) {
        int frames = (int) Math.round(seconds * sampleRate);
        int bytes = bits / 8;
        double fullScale = Math.pow(2, bits - 1) - 1;
        byte[] pcm = new byte[frames * gains.length * bytes];
        int offset = 0;
        for (int i = 0; i < frames; i++) {
            double value = Math.sin(2 * Math.PI * frequency * i / sampleRate);
            for (double gain : gains) {
                long sample = Math.round(value * gain * fullScale) + (bits == 8 ? 128 : 0);
                for (int b = 0; b < bytes; b++) {
                    pcm[offset++] = (byte) (sample >> (8 * b));
                }
            }
        }
        return new Wav(sampleRate, gains.length, bits, pcm);
    }

    private static short[] samples16(Wav wav) {
        short[] out = new short[(int) wav.frames() * wav.channels()];
        ByteBuffer.wrap(wav.pcm()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    /** The frequency from the first to the last upward zero crossing, interpolated between samples. */
    private static double frequency(Wav mono16) {
        short[] s = samples16(mono16);
        double first = -1;
        double last = -1;
        int crossings = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                double at = i - 1 + (double) -s[i - 1] / (s[i] - s[i - 1]);
                if (first < 0) {
                    first = at;
                } else {
                    crossings++;
                }
                last = at;
            }
        }
        return crossings / ((last - first) / mono16.sampleRate());
    }

    /** RMS of a 16-bit mono signal without its first and last 10 ms, where the filter has no past or future. */
    private static double innerRms(Wav mono16) {
        short[] s = samples16(mono16);
        int margin = mono16.sampleRate() / 100;
        double sum = 0;
        for (int i = margin; i < s.length - margin; i++) {
            sum += (s[i] / 32768.0) * (s[i] / 32768.0);
        }
        return Math.sqrt(sum / (s.length - 2 * margin));
    }

    @Test
    void normalisesAStereo24BitToneAt44100ToMono16At22050() {
        Wav source = Wav.parse(tone(44100, 24, 2.5, 440, 0.5, 0.5).toBytes());
        assertEquals(24, source.bitsPerSample());
        assertEquals(2, source.channels());

        Wav wav = source.toMono16(22050);

        assertEquals(22050, wav.sampleRate());
        assertEquals(1, wav.channels());
        assertEquals(16, wav.bitsPerSample());
        assertEquals(source.durationSeconds(), wav.durationSeconds(), 1.0 / 22050);
        assertEquals(440, frequency(wav), 440 * 0.002);
        assertEquals(0.5 / Math.sqrt(2), innerRms(wav), 0.01);
        Wav back = Wav.parse(wav.toBytes());
        assertArrayEquals(wav.pcm(), back.pcm());
    }

    @Test
    void downmixAveragesTheChannels() {
        Wav opposite = tone(22050, 16, 0.5, 300, 0.8, -0.8).toMono16(22050);
        assertEquals(0.0, opposite.rms(), 1e-4);
        Wav oneSided = tone(22050, 16, 0.5, 300, 0.8, 0.0).toMono16(22050);
        assertEquals(0.4 / Math.sqrt(2), oneSided.rms(), 0.005);
    }

    @Test
    void downsamplingFiltersWhatTheNewRateCannotHold() {
        // 15 kHz is above 22050 Hz's Nyquist frequency: without a low-pass it would alias to 7050 Hz.
        Wav wav = tone(44100, 16, 1.0, 15000, 0.9).toMono16(22050);
        assertTrue(innerRms(wav) < 0.005, "aliased energy " + innerRms(wav));
        Wav kept = tone(44100, 16, 1.0, 9000, 0.9).toMono16(22050);
        assertEquals(0.9 / Math.sqrt(2), innerRms(kept), 0.02);
    }

    @Test
    void upsamplingKeepsFrequencyAndDuration() {
        Wav source = tone(16000, 16, 1.5, 1000, 0.6);
        Wav wav = source.toMono16(22050);
        assertEquals(1.5, wav.durationSeconds(), 1.0 / 22050);
        assertEquals(1000, frequency(wav), 1000 * 0.002);
        assertEquals(0.6 / Math.sqrt(2), innerRms(wav), 0.01);
    }

    @Test
    void readsEightAndThirtyTwoBitPcm() {
        Wav eight = Wav.parse(tone(8000, 8, 1.0, 200, 0.5).toBytes());
        assertEquals(8, eight.bitsPerSample());
        Wav eightNormal = eight.toMono16(22050);
        assertEquals(200, frequency(eightNormal), 1);
        assertEquals(0.5 / Math.sqrt(2), innerRms(eightNormal), 0.02);
        assertEquals(0.0, new Wav(8000, 1, 8, filled(800, (byte) 128)).toMono16(8000).rms());

        Wav thirtyTwo = Wav.parse(tone(48000, 32, 1.0, 440, 0.25, 0.25).toBytes());
        assertEquals(32, thirtyTwo.bitsPerSample());
        Wav normal = thirtyTwo.toMono16(22050);
        assertEquals(440, frequency(normal), 1);
        assertEquals(0.25 / Math.sqrt(2), innerRms(normal), 0.01);
    }

    @Test
    void alreadyNormalAudioIsReturnedAsItIs() {
        Wav wav = tone(22050, 22050);
        assertSame(wav, wav.toMono16(22050));
    }

    @Test
    void readsExtensiblePcmAndRefusesFloat() {
        Wav source = tone(44100, 24, 0.1, 440, 0.5, 0.5);
        Wav wav = Wav.parse(extensible(source, 1));
        assertEquals(44100, wav.sampleRate());
        assertEquals(2, wav.channels());
        assertEquals(24, wav.bitsPerSample());
        assertArrayEquals(source.pcm(), wav.pcm());

        IllegalArgumentException floats = assertThrows(IllegalArgumentException.class,
                () -> Wav.parse(extensible(source, 3)));
        assertTrue(floats.getMessage().contains("not integer PCM"), floats.getMessage());
    }

    @Test
    void refusesFloatAndOddSampleWidths() {
        byte[] floats = tone(16000, 160).toBytes();
        ByteBuffer.wrap(floats).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 3);
        assertThrows(IllegalArgumentException.class, () -> Wav.parse(floats));

        byte[] wide = tone(16000, 160).toBytes();
        ByteBuffer.wrap(wide).order(ByteOrder.LITTLE_ENDIAN).putShort(34, (short) 40);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Wav.parse(wide));
        assertTrue(e.getMessage().contains("40-bit"), e.getMessage());

        byte[] truncated = new byte[30];
        System.arraycopy(tone(16000, 160).toBytes(), 0, truncated, 0, 30);
        assertThrows(IllegalArgumentException.class, () -> Wav.parse(truncated));
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }

    /** The same audio with a 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk whose sub-format GUID starts with {@code subFormat}. */
    private static byte[] extensible(Wav wav, int subFormat) {
        ByteBuffer out = ByteBuffer.allocate(12 + 8 + 40 + 8 + wav.pcm().length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes()).putInt(out.capacity() - 8).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(40)
                .putShort((short) 0xfffe).putShort((short) wav.channels()).putInt(wav.sampleRate())
                .putInt(wav.sampleRate() * wav.frameBytes()).putShort((short) wav.frameBytes())
                .putShort((short) wav.bitsPerSample())
                .putShort((short) 22).putShort((short) wav.bitsPerSample()).putInt(3)
                .putShort((short) subFormat)
                .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xaa, 0, 0x38, (byte) 0x9b, 0x71})
                .put("data".getBytes()).putInt(wav.pcm().length).put(wav.pcm());
        return out.array();
    }
}
