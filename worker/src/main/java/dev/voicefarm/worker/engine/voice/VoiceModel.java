package dev.voicefarm.worker.engine.voice;

import dev.voicefarm.worker.engine.torchscript.ModuleState;
import dev.voicefarm.worker.engine.torchscript.ModuleState.FloatTensor;
import dev.voicefarm.worker.engine.torchscript.TorchScriptArchive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * VoiceFarm voice model v1 as a TorchScript module (docs/voice-model.md): it takes the eSpeak NG
 * rendering of the text as a waveform, and
 * <ol>
 *   <li>takes its STFT (1024 points, hop 256, Hann), log amplitude, and real cepstrum c0..c39
 *       (the spectral envelope) per frame;</li>
 *   <li>maps the normalised cepstrum through a small network (40 → {@value #HIDDEN} → 40, tanh) to a
 *       cepstral correction, c0 (loudness) masked out;</li>
 *   <li>turns the correction back into a log-amplitude envelope over the 513 bins and multiplies
 *       the spectrum by it, keeping the source phase;</li>
 *   <li>returns the inverse STFT, the same length as the input.</li>
 * </ol>
 * With the output layer at zero the correction is zero and the model is the identity: the untrained
 * model returns the base voice. Pitch and speaking rate are not in the module: they are eSpeak NG
 * parameters fitted by the trainer and stored beside it ({@link VoiceConfig}).
 */
public final class VoiceModel {

    public static final int ORDER = 40;
    public static final int HIDDEN = 64;
    static final int FFT_SIZE = 1024;
    static final int BINS = FFT_SIZE / 2 + 1;

    /** The module's class, its attributes and their types: everything but {@code forward}. */
    private static final String CLASS = """
            class Voice(Module):
              __parameters__ = ["w1", "b1", "w2", "b2", ]
              __buffers__ = ["mean", "std", "mask", "window", "basis", ]
              w1 : Tensor
              b1 : Tensor
              w2 : Tensor
              b2 : Tensor
              mean : Tensor
              std : Tensor
              mask : Tensor
              window : Tensor
              basis : Tensor
              training : bool
            """;

    private static final String FORWARD = """
              def forward(self: __torch__.Voice,
                wave: Tensor) -> Tensor:
                spec = torch.stft(wave, 1024, 256, 1024, self.window, True, "reflect", False, None, True)
                logmag = torch.log(torch.add(torch.abs(spec), 1.0000000000000001e-09))
                cep = torch.fft_irfft(logmag, 1024, 0, None)
                c = torch.t(torch.slice(cep, 0, 0, 40))
                x = torch.div(torch.sub(c, self.mean), self.std)
                h = torch.tanh(torch.linear(x, self.w1, self.b1))
                d = torch.mul(torch.linear(h, self.w2, self.b2), self.mask)
                envelope = torch.exp(torch.matmul(self.basis, torch.t(d)))
                shaped = torch.mul(spec, envelope)
                return torch.istft(shaped, 1024, 256, 1024, self.window, True, False, None, torch.size(wave, 0), False)
            """;
    private static final String SOURCE = source(FORWARD);

    private VoiceModel() {
    }

    /** The module's code with this {@code forward} (indented as a method of the class). */
    static String source(String forward) {
        return CLASS + forward;
    }

    /** The trained numbers: the network's weights and the input normalisation. */
    public record Weights(float[] w1, float[] b1, float[] w2, float[] b2, float[] mean, float[] std) {

        /** The untrained model: any first layer, a zero output layer, no normalisation. */
        public static Weights identity() {
            float[] std = new float[ORDER];
            java.util.Arrays.fill(std, 1f);
            return new Weights(new float[HIDDEN * ORDER], new float[HIDDEN], new float[ORDER * HIDDEN],
                    new float[ORDER], new float[ORDER], std);
        }
    }

    /** A standard {@code .pt} archive of the model with these weights. */
    public static byte[] archive(Weights weights) {
        return archive(SOURCE, weights);
    }

    /**
     * An archive of this module's numbers under another {@code forward} (the batching benchmark's
     * batched one): the same attributes, so the same voice.
     */
    static byte[] archive(String source, Weights weights) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("w1", new FloatTensor(weights.w1(), HIDDEN, ORDER));
        attributes.put("b1", new FloatTensor(weights.b1(), HIDDEN));
        attributes.put("w2", new FloatTensor(weights.w2(), ORDER, HIDDEN));
        attributes.put("b2", new FloatTensor(weights.b2(), ORDER));
        attributes.put("mean", new FloatTensor(weights.mean(), ORDER));
        attributes.put("std", new FloatTensor(weights.std(), ORDER));
        attributes.put("mask", new FloatTensor(c0Mask(), ORDER));
        attributes.put("window", new FloatTensor(hann(), FFT_SIZE));
        attributes.put("basis", new FloatTensor(cepstrumToLogAmplitude(), BINS, ORDER));
        attributes.put("training", false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new TorchScriptArchive("voice").source("__torch__", source)
                    .write(new ModuleState("__torch__.Voice", attributes), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static float[] c0Mask() {
        float[] mask = new float[ORDER];
        java.util.Arrays.fill(mask, 1f);
        mask[0] = 0f;
        return mask;
    }

    /** Periodic Hann, as torch.hann_window and the Java cepstra use. */
    private static float[] hann() {
        float[] window = new float[FFT_SIZE];
        for (int i = 0; i < FFT_SIZE; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / FFT_SIZE));
        }
        return window;
    }

    /**
     * The real cepstrum of a symmetric log amplitude is c[n] = (1/N) Σ_k L[k] cos(2πkn/N); a change
     * Δc in c0..c39 (mirrored in c[N-n]) changes bin k by Δc0 + 2 Σ_{n≥1} Δc_n cos(2πkn/N).
     */
    private static float[] cepstrumToLogAmplitude() {
        float[] basis = new float[BINS * ORDER];
        for (int k = 0; k < BINS; k++) {
            for (int n = 0; n < ORDER; n++) {
                basis[k * ORDER + n] = (float) ((n == 0 ? 1 : 2) * Math.cos(2 * Math.PI * k * n / FFT_SIZE));
            }
        }
        return basis;
    }
}
