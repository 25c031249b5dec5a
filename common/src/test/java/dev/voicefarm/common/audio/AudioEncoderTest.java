package dev.voicefarm.common.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import dev.voicefarm.common.testing.Ffmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every format made by the encoder and decoded again by FFmpeg: the right length, and sound. */
class AudioEncoderTest {

    private static final AudioEncoder ENCODER = new AudioEncoder("ffmpeg");
    private static final Wav SPEECH = Loudness.normalize(TestSignals.voiceLike(22_050, 3, 0.3));

    @ParameterizedTest
    @EnumSource(AudioFormat.class)
    void eachFormatDecodesToTheSameLengthAndLoudness(AudioFormat format) throws Exception {
        EncodedAudio encoded = ENCODER.encode(SPEECH, format, 1.0);
        assertEquals(format.outputRate(22_050), encoded.sampleRate());
        Wav decoded = format == AudioFormat.PCM
                ? new Wav(AudioFormat.FIXED_RATE, 1, 16, encoded.bytes())
                : Ffmpeg.decode(encoded.bytes(), encoded.sampleRate());
        // Lossy encoders add their delay and pad to whole frames: some tens of milliseconds.
        assertEquals(SPEECH.durationSeconds(), decoded.durationSeconds(), 0.08, format.id());
        assertEquals(SPEECH.durationSeconds(), encoded.durationSeconds(), 0.08, format.id());
        assertEquals(Loudness.TARGET_LUFS, Ffmpeg.loudness(decoded), 1.0, format.id());
        assertTrue(Loudness.truePeak(decoded) < 1.0, format.id() + " clips");
    }

    @ParameterizedTest
    @EnumSource(value = AudioFormat.class, names = {"MP3", "WAV"})
    void speedChangesTheTempoNotTheLength(AudioFormat format) throws Exception {
        for (double speed : new double[] {0.25, 0.5, 2.0, 4.0}) {
            EncodedAudio encoded = ENCODER.encode(SPEECH, format, speed);
            Wav decoded = Ffmpeg.decode(encoded.bytes(), encoded.sampleRate());
            assertEquals(SPEECH.durationSeconds() / speed, decoded.durationSeconds(), 0.1 + 0.02 / speed,
                    format.id() + " at " + speed);
        }
    }

    @Test
    void tempoBelowHalfIsTwoStages() {
        assertEquals("atempo=0.5,atempo=0.500000", AudioEncoder.tempoFilter(0.25));
        assertEquals("atempo=2.000000", AudioEncoder.tempoFilter(2));
    }

    @Test
    void liveWavIsAStreamingHeaderThenThePcmAsItComes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AudioEncoder.Live live = ENCODER.live(22_050, AudioFormat.WAV, 1.0, out)) {
            live.write(SPEECH);
            live.finish();
        }
        byte[] bytes = out.toByteArray();
        assertArrayEquals(Wav.streamingHeader(22_050), Arrays.copyOf(bytes, 44));
        assertArrayEquals(SPEECH.pcm(), Wav.parse(bytes).pcm());
    }

    @ParameterizedTest
    @EnumSource(value = AudioFormat.class, names = {"MP3", "OPUS", "AAC", "FLAC", "PCM"})
    void liveEncodingOfSentencesDecodesAsOneStream(AudioFormat format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AudioEncoder.Live live = ENCODER.live(22_050, format, 1.0, out)) {
            live.write(SPEECH);
            live.write(SPEECH);
            live.finish();
        }
        Wav decoded = format == AudioFormat.PCM
                ? new Wav(AudioFormat.FIXED_RATE, 1, 16, out.toByteArray())
                : Ffmpeg.decode(out.toByteArray(), format.outputRate(22_050));
        assertEquals(2 * SPEECH.durationSeconds(), decoded.durationSeconds(), 0.1, format.id());
    }
}
