package dev.voicefarm.common.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A PCM WAV file in memory. {@link #parse} accepts the headers streaming writers produce (eSpeak NG
 * on stdout writes placeholder sizes) and {@link #toBytes} always writes exact sizes.
 *
 * @param pcm little-endian interleaved samples, without header
 */
public record Wav(int sampleRate, int channels, int bitsPerSample, byte[] pcm) {

    private static final int HEADER_BYTES = 44;

    public Wav {
        if (sampleRate <= 0 || channels <= 0 || bitsPerSample <= 0 || bitsPerSample % 8 != 0) {
            throw new IllegalArgumentException("invalid PCM format: %d Hz, %d channels, %d bits"
                    .formatted(sampleRate, channels, bitsPerSample));
        }
    }

    /**
     * Reads a RIFF/WAVE file with a PCM {@code fmt } chunk.
     *
     * @throws IllegalArgumentException when the bytes are not such a file
     */
    public static Wav parse(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !"RIFF".equals(ascii(bytes, 0)) || !"WAVE".equals(ascii(bytes, 8))) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        int position = 12;
        int sampleRate = 0;
        int channels = 0;
        int bits = 0;
        while (position + 8 <= bytes.length) {
            String chunk = ascii(bytes, position);
            long declared = Integer.toUnsignedLong(in.getInt(position + 4));
            int body = position + 8;
            if ("fmt ".equals(chunk)) {
                int format = in.getShort(body) & 0xffff;
                if (format != 1 && format != 0xfffe) {
                    throw new IllegalArgumentException("WAV format " + format + " is not PCM");
                }
                channels = in.getShort(body + 2) & 0xffff;
                sampleRate = in.getInt(body + 4);
                bits = in.getShort(body + 14) & 0xffff;
            } else if ("data".equals(chunk)) {
                if (sampleRate == 0) {
                    throw new IllegalArgumentException("WAV data chunk before its fmt chunk");
                }
                // Streaming writers cannot know the size in advance: trust the file's end instead.
                int available = bytes.length - body;
                int size = (int) Math.min(declared, available);
                int frame = channels * bits / 8;
                byte[] pcm = new byte[size - size % frame];
                System.arraycopy(bytes, body, pcm, 0, pcm.length);
                return new Wav(sampleRate, channels, bits, pcm);
            }
            position = (int) Math.min((long) body + declared + (declared & 1), bytes.length);
        }
        throw new IllegalArgumentException("WAV file has no data chunk");
    }

    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * frameBytes()).putShort((short) frameBytes()).putShort((short) bitsPerSample)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length)
                .put(pcm);
        return out.array();
    }

    public int frameBytes() {
        return channels * bitsPerSample / 8;
    }

    public long frames() {
        return pcm.length / frameBytes();
    }

    public double durationSeconds() {
        return (double) frames() / sampleRate;
    }

    /** Root mean square of the first channel of 16-bit audio, in [0, 1]; 0 is digital silence. */
    public double rms() {
        if (bitsPerSample != 16) {
            throw new UnsupportedOperationException("rms is defined for 16-bit PCM, not " + bitsPerSample + "-bit");
        }
        ByteBuffer in = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        double sum = 0;
        long frames = frames();
        for (long i = 0; i < frames; i++) {
            double sample = in.getShort((int) (i * frameBytes())) / 32768.0;
            sum += sample * sample;
        }
        return frames == 0 ? 0 : Math.sqrt(sum / frames);
    }

    private static String ascii(byte[] bytes, int offset) {
        return offset + 4 <= bytes.length ? new String(bytes, offset, 4, StandardCharsets.US_ASCII) : "";
    }
}
