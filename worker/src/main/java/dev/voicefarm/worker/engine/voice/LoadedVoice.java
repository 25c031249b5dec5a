package dev.voicefarm.worker.engine.voice;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.audio.quality.Cepstra;
import dev.voicefarm.worker.engine.EngineException;
import dev.voicefarm.common.io.TempFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A voice model archive loaded by DJL PyTorch on one device. Not thread-safe: callers that share
 * one (the worker's voice cache) synchronise on it.
 */
public final class LoadedVoice implements AutoCloseable {

    /** The largest sample the 16-bit output holds without clipping, with a little room. */
    private static final double HEADROOM = 0.95;

    private final Model model;
    private final Predictor<NDList, NDList> predictor;
    private final NDManager manager;

    private LoadedVoice(Model model) {
        this.model = model;
        this.predictor = model.newPredictor(new NoopTranslator());
        this.manager = model.getNDManager().newSubManager();
    }

    public static LoadedVoice load(byte[] archive, Device device) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("voicefarm-voice");
            Files.write(dir.resolve("voice.pt"), archive);
            Model model = Model.newInstance("voice", device, "PyTorch");
            model.load(dir, "voice");
            return new LoadedVoice(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MalformedModelException e) {
            throw new EngineException("voice model does not load: " + e.getMessage(), true);
        } finally {
            TempFolders.deleteQuietly(dir);
        }
    }

    /** The base rendering in this voice: same length and rate, 16-bit mono. */
    public Wav apply(Wav base) {
        double[] samples = Cepstra.samples(base);
        float[] input = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            input[i] = (float) samples[i];
        }
        float[] output = forward(input, new Shape(input.length));
        // The model's output may go past full scale; it is scaled down, never clipped, and the
        // loudness normalisation that follows sets its level.
        double peak = 0;
        for (float sample : output) {
            peak = Math.max(peak, Math.abs(sample));
        }
        double scale = peak > HEADROOM ? 32768 * HEADROOM / peak : 32768;
        ByteBuffer pcm = ByteBuffer.allocate(output.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float sample : output) {
            pcm.putShort((short) Math.max(-32768, Math.min(32767, Math.round(sample * scale))));
        }
        return new Wav(base.sampleRate(), 1, 16, pcm.array());
    }

    /** The module's forward on these samples in this shape, its output flattened. */
    float[] forward(float[] input, Shape shape) {
        try (NDManager call = manager.newSubManager()) {
            return predictor.predict(new NDList(call.create(input, shape))).singletonOrThrow().toFloatArray();
        } catch (TranslateException e) {
            throw new EngineException("voice model failed: " + e.getMessage(), false);
        }
    }

    @Override
    public void close() {
        manager.close();
        predictor.close();
        model.close();
    }
}
