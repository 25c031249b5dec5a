package dev.voicefarm.worker.engine.voice;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.RandomUtils;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.audio.quality.Cepstra;
import dev.voicefarm.common.audio.quality.Dtw;
import dev.voicefarm.common.audio.quality.PitchTracker;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.worker.engine.EspeakEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Fits a voice to recordings of a speaker (docs/voice-model.md):
 * <ol>
 *   <li>eSpeak NG's pitch is set so that the base voice's mean log-F0 matches the speaker's, and
 *       its speed so that the base voice takes as long as the speaker to say the same texts;</li>
 *   <li>every transcript is rendered with those settings and its frames are paired with the
 *       speaker's by DTW on cepstra;</li>
 *   <li>the voice model's network is trained with DJL to turn each base cepstrum into its paired
 *       target cepstrum (mean squared error on c1..c39), one checkpoint per epoch.</li>
 * </ol>
 * A job delivered again resumes from its newest checkpoint, with the settings it was made with.
 */
public final class VoiceTrainer {

    private static final int[] PITCH_PROBES = {10, 30, 50, 70, 99};
    private static final int PROBE_CLIPS = 3;
    private static final int BATCH = 256;
    private static final float LEARNING_RATE = 2e-3f;

    /** A recording of the speaker and what it says. */
    public record Clip(String text, Wav target) {
    }

    /** Where epochs are saved and found again; keys derive from the job, so a redo overwrites. */
    public interface Checkpoints {
        Optional<Checkpoint> latest();

        void save(Checkpoint checkpoint);
    }

    /** @param parameters the network's parameters as DJL writes them */
    public record Checkpoint(int epoch, double loss, int pitch, int speed, float[] mean, float[] std,
                             byte[] parameters) {
    }

    @FunctionalInterface
    public interface Progress {
        void epoch(int epoch, int epochs, double loss) throws InterruptedException;
    }

    public record Trained(VoiceModel.Weights weights, int pitch, int speed, double finalLoss, int alignedFrames) {
    }

    private final EspeakEngine espeak;
    private final Device device;

    public VoiceTrainer(EspeakEngine espeak, Device device) {
        this.espeak = espeak;
        this.device = device;
    }

    public Trained train(List<Clip> clips, Language language, int epochs, Checkpoints checkpoints, Progress progress)
            throws InterruptedException {
        Optional<Checkpoint> resume = checkpoints.latest();
        int pitch = resume.isPresent() ? resume.get().pitch() : fitPitch(clips, language);
        int speed = resume.isPresent() ? resume.get().speed() : fitSpeed(clips, language);
        List<double[][]> pairs = alignedPairs(clips, language, pitch, speed);
        double[][] sources = pairs.get(0);
        double[][] targets = pairs.get(1);
        float[] mean = resume.map(Checkpoint::mean).orElseGet(() -> mean(sources));
        float[] std = resume.map(Checkpoint::std).orElseGet(() -> std(sources, mean));

        RandomUtils.RANDOM.setSeed(42);
        try (Model model = Model.newInstance("voice-network", device, "PyTorch")) {
            Block network = network();
            model.setBlock(network);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build())
                    .optDevices(new Device[] {device});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, VoiceModel.ORDER));
                int first = 1;
                double loss = Double.NaN;
                if (resume.isPresent()) {
                    load(network, model.getNDManager(), resume.get().parameters());
                    first = resume.get().epoch() + 1;
                    loss = resume.get().loss();
                }
                NDManager data = model.getNDManager();
                NDArray x = data.create(normalised(sources, mean, std));
                NDArray y = data.create(delta(sources, targets));
                NDArray mask = data.create(VoiceModel.c0Mask());
                Random order = new Random(42);
                for (int epoch = first; epoch <= epochs; epoch++) {
                    loss = epoch(trainer, x, y, mask, order);
                    checkpoints.save(new Checkpoint(epoch, loss, pitch, speed, mean, std, save(network)));
                    progress.epoch(epoch, epochs, loss);
                    if (Thread.interrupted()) {
                        throw new InterruptedException("training stopped after epoch " + epoch);
                    }
                }
                return new Trained(weights(network, mean, std), pitch, speed, loss, sources.length);
            }
        }
    }

    private static double epoch(Trainer trainer, NDArray x, NDArray y, NDArray mask, Random order) {
        long rows = x.getShape().get(0);
        long[] permutation = shuffled(rows, order);
        double total = 0;
        int batches = 0;
        for (int start = 0; start < rows; start += BATCH) {
            int end = (int) Math.min(rows, start + BATCH);
            try (NDManager batch = x.getManager().newSubManager()) {
                NDArray index = batch.create(java.util.Arrays.copyOfRange(permutation, start, end));
                NDArray input = x.get(index);
                NDArray target = y.get(index);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray output = trainer.forward(new NDList(input)).singletonOrThrow();
                    NDArray loss = output.sub(target).mul(mask).square().mean();
                    total += loss.getFloat();
                    collector.backward(loss);
                }
                trainer.step();
            }
            batches++;
        }
        return total / batches;
    }

    /** 40 → 64 → 40 with tanh: the network inside {@link VoiceModel}. */
    static Block network() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(VoiceModel.HIDDEN).build())
                .add(Activation::tanh)
                .add(Linear.builder().setUnits(VoiceModel.ORDER).build());
    }

    private int fitPitch(List<Clip> clips, Language language) throws InterruptedException {
        double target = 0;
        for (Clip clip : clips) {
            target += meanLogF0(clip.target());
        }
        target /= clips.size();
        double[] probes = new double[PITCH_PROBES.length];
        for (int p = 0; p < PITCH_PROBES.length; p++) {
            double sum = 0;
            for (Clip clip : clips.subList(0, Math.min(PROBE_CLIPS, clips.size()))) {
                sum += meanLogF0(espeak.render(clip.text(), language, PITCH_PROBES[p], EspeakEngine.DEFAULT_SPEED));
            }
            probes[p] = sum / Math.min(PROBE_CLIPS, clips.size());
        }
        if (target <= probes[0]) {
            return PITCH_PROBES[0];
        }
        for (int p = 1; p < PITCH_PROBES.length; p++) {
            if (target <= probes[p]) {
                double t = (target - probes[p - 1]) / (probes[p] - probes[p - 1]);
                return (int) Math.round(PITCH_PROBES[p - 1] + t * (PITCH_PROBES[p] - PITCH_PROBES[p - 1]));
            }
        }
        return PITCH_PROBES[PITCH_PROBES.length - 1];
    }

    private int fitSpeed(List<Clip> clips, Language language) throws InterruptedException {
        double base = 0;
        double target = 0;
        for (Clip clip : clips) {
            base += speechFrames(espeak.synthesize(clip.text(), language));
            target += speechFrames(clip.target());
        }
        return (int) Math.max(80, Math.min(450, Math.round(EspeakEngine.DEFAULT_SPEED * base / target)));
    }

    /** [0]: base cepstra, [1]: the target cepstra DTW paired them with. */
    private List<double[][]> alignedPairs(List<Clip> clips, Language language, int pitch, int speed)
            throws InterruptedException {
        List<double[]> sources = new ArrayList<>();
        List<double[]> targets = new ArrayList<>();
        for (Clip clip : clips) {
            double[][] base = Cepstra.speech(Cepstra.of(espeak.render(clip.text(), language, pitch, speed)));
            double[][] target = Cepstra.speech(Cepstra.of(clip.target()));
            for (int[] pair : Dtw.align(base, target, 1, 20)) {
                sources.add(base[pair[0]]);
                targets.add(target[pair[1]]);
            }
        }
        return List.of(sources.toArray(double[][]::new), targets.toArray(double[][]::new));
    }

    private static double meanLogF0(Wav wav) {
        return PitchTracker.meanLogF0(PitchTracker.f0(wav, Cepstra.of(wav).speech()));
    }

    private static int speechFrames(Wav wav) {
        int n = 0;
        for (boolean speech : Cepstra.of(wav).speech()) {
            n += speech ? 1 : 0;
        }
        return n;
    }

    private static float[] mean(double[][] rows) {
        float[] mean = new float[VoiceModel.ORDER];
        for (double[] row : rows) {
            for (int d = 0; d < mean.length; d++) {
                mean[d] += (float) (row[d] / rows.length);
            }
        }
        return mean;
    }

    private static float[] std(double[][] rows, float[] mean) {
        float[] std = new float[VoiceModel.ORDER];
        for (double[] row : rows) {
            for (int d = 0; d < std.length; d++) {
                std[d] += (float) ((row[d] - mean[d]) * (row[d] - mean[d]) / rows.length);
            }
        }
        for (int d = 0; d < std.length; d++) {
            std[d] = (float) Math.max(Math.sqrt(std[d]), 1e-4);
        }
        return std;
    }

    private static float[][] normalised(double[][] rows, float[] mean, float[] std) {
        float[][] x = new float[rows.length][VoiceModel.ORDER];
        for (int i = 0; i < rows.length; i++) {
            for (int d = 0; d < VoiceModel.ORDER; d++) {
                x[i][d] = (float) ((rows[i][d] - mean[d]) / std[d]);
            }
        }
        return x;
    }

    private static float[][] delta(double[][] sources, double[][] targets) {
        float[][] y = new float[sources.length][VoiceModel.ORDER];
        for (int i = 0; i < sources.length; i++) {
            for (int d = 0; d < VoiceModel.ORDER; d++) {
                y[i][d] = (float) (targets[i][d] - sources[i][d]);
            }
        }
        return y;
    }

    private static long[] shuffled(long n, Random random) {
        long[] order = new long[(int) n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static byte[] save(Block network) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            network.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void load(Block network, NDManager manager, byte[] parameters) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            network.loadParameters(manager, in);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException("checkpoint does not load: " + e.getMessage(), e);
        }
    }

    private static VoiceModel.Weights weights(Block network, float[] mean, float[] std) {
        List<Block> layers = network.getChildren().values();
        Block hidden = layers.get(0);
        Block output = layers.get(2);
        return new VoiceModel.Weights(
                hidden.getParameters().get("weight").getArray().toFloatArray(),
                hidden.getParameters().get("bias").getArray().toFloatArray(),
                output.getParameters().get("weight").getArray().toFloatArray(),
                output.getParameters().get("bias").getArray().toFloatArray(),
                mean, std);
    }
}
