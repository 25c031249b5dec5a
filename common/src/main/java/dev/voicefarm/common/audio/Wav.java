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
     * Reads a RIFF/WAVE file of integer PCM: format 1 or {@code WAVE_FORMAT_EXTENSIBLE} with the PCM
     * sub-format, 8-bit (unsigned), 16-, 24- or 32-bit (signed) samples, any number of channels. A
     * data chunk that declares more bytes than the file holds is cut to the whole frames present.
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
                if (declared < 16 || body + 16 > bytes.length) {
                    throw new IllegalArgumentException("WAV fmt chunk is truncated");
                }
                int format = in.getShort(body) & 0xffff;
                if (format == 0xfffe) {
                    // WAVE_FORMAT_EXTENSIBLE: the sub-format GUID starts with the format code.
                    if (declared < 40 || body + 40 > bytes.length) {
                        throw new IllegalArgumentException("WAV extensible fmt chunk is truncated");
                    }
                    int subFormat = in.getShort(body + 24) & 0xffff;
                    if (subFormat != 1) {
                        throw new IllegalArgumentException("WAV extensible sub-format " + subFormat
                                + " is not integer PCM");
                    }
                } else if (format != 1) {
                    throw new IllegalArgumentException("WAV format " + format + " is not integer PCM");
                }
                channels = in.getShort(body + 2) & 0xffff;
                sampleRate = in.getInt(body + 4);
                int blockAlign = in.getShort(body + 12) & 0xffff;
                bits = in.getShort(body + 14) & 0xffff;
                if (channels == 0 || sampleRate <= 0) {
                    throw new IllegalArgumentException("WAV fmt chunk declares %d channels at %d Hz"
                            .formatted(channels, sampleRate));
                }
                if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
                    throw new IllegalArgumentException("WAV with " + bits
                            + "-bit samples; only 8, 16, 24 and 32-bit PCM is read");
                }
                // Frames are cut by channels and width; a header that disagrees with itself is not guessed at.
                if (blockAlign != channels * bits / 8) {
                    throw new IllegalArgumentException("WAV fmt chunk declares %d-byte frames; %d channels of %d bits"
                            .formatted(blockAlign, channels, bits) + " take " + channels * bits / 8);
                }
            } else if ("data".equals(chunk)) {
                if (sampleRate == 0) {
                    throw new IllegalArgumentException("WAV data chunk before its fmt chunk");
                }
                // Streaming writers cannot know the size in advance: a size past the file's end is cut to
                // the bytes present, so the audio's length is always that of what was read.
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
        byte[] file = java.util.Arrays.copyOf(header(36 + pcm.length, pcm.length), HEADER_BYTES + pcm.length);
        System.arraycopy(pcm, 0, file, HEADER_BYTES, pcm.length);
        return file;
    }

    private byte[] header(int riffSize, int dataSize) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(riffSize)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * frameBytes()).putShort((short) frameBytes()).putShort((short) bitsPerSample)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataSize);
        return out.array();
    }

    /**
     * The header of a 16-bit mono WAV stream whose length is not known yet: both sizes are the
     * largest a RIFF file can declare, which players read as "until the stream ends" (and
     * {@link #parse} cuts to the bytes present).
     */
    public static byte[] streamingHeader(int sampleRate) {
        return new Wav(sampleRate, 1, 16, new byte[0]).header(0xFFFFFFFF, 0xFFFFFFFF);
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

    /**
     * This audio as 16-bit mono PCM at {@code targetRate} Hz: channels are averaged, samples scaled
     * to 16 bits (rounded, clipped) and the rate converted by band-limited interpolation (a
     * Kaiser-windowed sinc whose cut-off follows the lower of the two Nyquist frequencies, so
     * downsampling does not alias). Returns this object when it already is in that form.
     */
    public Wav toMono16(int targetRate) {
        if (targetRate <= 0) {
            throw new IllegalArgumentException("target rate must be positive, not " + targetRate);
        }
        if (channels == 1 && bitsPerSample == 16 && sampleRate == targetRate) {
            return this;
        }
        double[] mono = Resampler.resample(monoSamples(), sampleRate, targetRate);
        ByteBuffer out = ByteBuffer.allocate(mono.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (double sample : mono) {
            long scaled = Math.round(sample * 32768.0);
            out.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, scaled)));
        }
        return new Wav(targetRate, 1, 16, out.array());
    }

    /** The channels' average of every frame, in [-1, 1). */
    private double[] monoSamples() {
        int bytesPerSample = bitsPerSample / 8;
        if (bytesPerSample < 1 || bytesPerSample > 4) {
            throw new UnsupportedOperationException(bitsPerSample + "-bit PCM cannot be converted");
        }
        double fullScale = Math.pow(2, bitsPerSample - 1);
        int frames = (int) frames();
        double[] mono = new double[frames];
        int offset = 0;
        for (int frame = 0; frame < frames; frame++) {
            double sum = 0;
            for (int channel = 0; channel < channels; channel++) {
                sum += sample(offset, bytesPerSample) / fullScale;
                offset += bytesPerSample;
            }
            mono[frame] = sum / channels;
        }
        return mono;
    }

    /** One little-endian sample as a signed integer; 8-bit WAV samples are unsigned with 128 as zero. */
    private int sample(int offset, int bytesPerSample) {
        if (bytesPerSample == 1) {
            return (pcm[offset] & 0xff) - 128;
        }
        int value = 0;
        for (int i = 0; i < bytesPerSample; i++) {
            value |= (pcm[offset + i] & 0xff) << (8 * i);
        }
        int unused = 32 - 8 * bytesPerSample;
        return (value << unused) >> unused;
    }

    private static String ascii(byte[] bytes, int offset) {
        return offset + 4 <= bytes.length ? new String(bytes, offset, 4, StandardCharsets.US_ASCII) : "";
    }

    /**
     * Band-limited sample-rate conversion (J. O. Smith's method): every output sample is the sum of
     * the input samples weighted by a Kaiser-windowed sinc centred on its instant, read from a table
     * with linear interpolation. Downsampling scales the sinc so its cut-off sits just below the new
     * Nyquist frequency.
     */
    private static final class Resampler {

        /** Zero crossings of the sinc on each side of the centre. */
        private static final int ZERO_CROSSINGS = 24;
        /** Table entries per zero crossing. */
        private static final int RESOLUTION = 512;
        /** About 80 dB of stop-band attenuation. */
        private static final double KAISER_BETA = 8.0;
        /** The cut-off as a share of the lower Nyquist frequency, leaving room for the transition band. */
        private static final double ROLLOFF = 0.94;
        private static final double[] KERNEL = kernel();

        private Resampler() {
        }

        static double[] resample(double[] in, int sourceRate, int targetRate) {
            if (sourceRate == targetRate) {
                return in;
            }
            double ratio = (double) targetRate / sourceRate;
            double cutoff = Math.min(1.0, ratio) * ROLLOFF;
            double reach = ZERO_CROSSINGS / cutoff;
            int length = (int) Math.round(in.length * ratio);
            double[] out = new double[length];
            for (int n = 0; n < length; n++) {
                double t = (double) n * sourceRate / targetRate;
                int first = Math.max(0, (int) Math.ceil(t - reach));
                int last = Math.min(in.length - 1, (int) Math.floor(t + reach));
                double sum = 0;
                for (int k = first; k <= last; k++) {
                    sum += in[k] * kernel(Math.abs(t - k) * cutoff);
                }
                out[n] = sum * cutoff;
            }
            return out;
        }

        /** The windowed sinc at {@code x} zero crossings from its centre. */
        private static double kernel(double x) {
            double position = x * RESOLUTION;
            int index = (int) position;
            if (index >= KERNEL.length - 1) {
                return 0;
            }
            double fraction = position - index;
            return KERNEL[index] + fraction * (KERNEL[index + 1] - KERNEL[index]);
        }

        private static double[] kernel() {
            double[] table = new double[ZERO_CROSSINGS * RESOLUTION + 1];
            double norm = besselI0(KAISER_BETA);
            for (int i = 0; i < table.length; i++) {
                double x = (double) i / RESOLUTION;
                double sinc = i == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
                double u = x / ZERO_CROSSINGS;
                table[i] = sinc * besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - u * u))) / norm;
            }
            return table;
        }

        /** The zeroth-order modified Bessel function of the first kind, by its power series. */
        private static double besselI0(double x) {
            double sum = 1;
            double term = 1;
            for (int k = 1; k < 50 && term > sum * 1e-17; k++) {
                term *= (x / (2 * k)) * (x / (2 * k));
                sum += term;
            }
            return sum;
        }
    }
}
