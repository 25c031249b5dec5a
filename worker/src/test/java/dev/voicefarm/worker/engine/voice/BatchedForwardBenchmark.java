package dev.voicefarm.worker.engine.voice;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import dev.voicefarm.common.audio.quality.Cepstra;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.worker.engine.EspeakEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What batching the voice model's forward would gain on this CPU, before any worker batches jobs
 * (issue 15, item 2), run by bench/batching.sh. The farm's voice model (VoiceModel v1) takes one
 * waveform; this benchmark writes the same module with a batched {@code forward} ([B, T] in, [B, T]
 * out: the same ops along one more dimension) and the same weights, and times, for B = 1, 4 and 16
 * clips of eSpeak NG speech padded to one length, B single calls of the farm's model (the baseline,
 * what a worker does today) against one call of the batched model, on one libtorch thread. It checks
 * that both give the same samples, then prints the figures and writes them to the results file
 * given as the first argument. Only the model's forward is measured: the eSpeak NG rendering, the
 * loudness normalisation and the S3 upload around it in a job are not batched by this.
 *
 * <p>{@code BENCH_DEVICE=gpu} runs both on DJL's first GPU instead (where batching usually pays; never
 * run here: no GPU on these machines). Reading the result back to the host waits for the device, so
 * the timings hold there too.
 */
public final class BatchedForwardBenchmark {

    /** The farm's module with a batched {@code forward}: [B, T] in, [B, T] out. */
    private static final String BATCHED_SOURCE = VoiceModel.source("""
              def forward(self: __torch__.Voice,
                waves: Tensor) -> Tensor:
                spec = torch.stft(waves, 1024, 256, 1024, self.window, True, "reflect", False, None, True)
                logmag = torch.log(torch.add(torch.abs(spec), 1.0000000000000001e-09))
                cep = torch.fft_irfft(logmag, 1024, 1, None)
                c = torch.transpose(torch.slice(cep, 1, 0, 40), 1, 2)
                x = torch.div(torch.sub(c, self.mean), self.std)
                h = torch.tanh(torch.linear(x, self.w1, self.b1))
                d = torch.mul(torch.linear(h, self.w2, self.b2), self.mask)
                envelope = torch.exp(torch.matmul(self.basis, torch.transpose(d, 1, 2)))
                shaped = torch.mul(spec, envelope)
                return torch.istft(shaped, 1024, 256, 1024, self.window, True, False, None, torch.size(waves, 1), False)
            """);
    private static final int[] BATCHES = {1, 4, 16};
    private static final double MEASURE_SECONDS = 2;
    /** Each figure is the median of this many measurements, the two paths taking turns. */
    private static final int REPEATS = 3;

    private BatchedForwardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[0]);
        Device device = "gpu".equalsIgnoreCase(System.getenv("BENCH_DEVICE")) ? Device.gpu() : Device.cpu();
        VoiceModel.Weights weights = randomWeights(new Random(15));
        EspeakEngine espeak = new EspeakEngine("espeak-ng");
        StringBuilder report = new StringBuilder();
        report.append("# Batched forward of the voice model\n\nWritten by `bench/batching.sh` on ").append(LocalDate.now())
                .append(" — ").append(Runtime.getRuntime().availableProcessors()).append(" cores, one libtorch thread (")
                .append("`ai.djl.pytorch.num_threads=1`), DJL PyTorch on ")
                .append(device.isGpu() ? "GPU " + device.getDeviceId() : "the CPU").append(".\n\n")
                .append("The farm's voice model takes one waveform; a batched `forward` of the same ops and weights takes B ")
                .append("clips padded to one length. Baseline, same run: B single calls of the farm's model on the same ")
                .append("padded clips (what a worker does today). Clips are eSpeak NG renderings of short sentences; the ")
                .append("figures are the model's forward with its input and output copies, not whole jobs (eSpeak NG, ")
                .append("loudness, encoding and S3 are around it in a job). Issue 15's goal, for whole jobs: batched ≥ 2 × ")
                .append("unbatched jobs/s at B = 16 for short texts. Each figure: median of ").append(REPEATS)
                .append(" measurements of ").append(MEASURE_SECONDS).append(" s, the two paths taking turns, after a warm-up.\n\n")
                .append("| clip length | B | unbatched clips/s | batched clips/s | batched ÷ unbatched | largest sample difference |\n")
                .append("|---|---|---|---|---|---|\n");
        try (Loaded single = Loaded.of(VoiceModel.archive(weights), device);
             Loaded batched = Loaded.of(VoiceModel.archive(BATCHED_SOURCE, weights), device)) {
            // Both models warmed up before the first figure, so the first rows are not the JIT's.
            List<float[]> warmUp = clips(espeak, 4, 4);
            rate(() -> warmUp.forEach(single::forwardOne), 4);
            rate(() -> batched.forwardBatch(warmUp), 4);
            for (int words : new int[] {4, 16}) {
                List<float[]> clips = clips(espeak, words, BATCHES[BATCHES.length - 1]);
                double seconds = clips.get(0).length / 22050.0;
                for (int b : BATCHES) {
                    List<float[]> batch = clips.subList(0, b);
                    double difference = largestDifference(single, batched, batch);
                    double[] unbatched = new double[REPEATS];
                    double[] together = new double[REPEATS];
                    for (int r = 0; r < REPEATS; r++) {
                        unbatched[r] = rate(() -> batch.forEach(single::forwardOne), b);
                        together[r] = rate(() -> batched.forwardBatch(batch), b);
                    }
                    double unbatchedRate = median(unbatched);
                    double batchedRate = median(together);
                    String row = String.format("| %.2f s | %d | %.1f | %.1f | %.2f × | %.1e |", seconds, b, unbatchedRate,
                            batchedRate, batchedRate / unbatchedRate, difference);
                    System.out.println(row);
                    report.append(row).append('\n');
                }
            }
        }
        Files.writeString(results, report.toString(), StandardCharsets.UTF_8);
        System.out.println("results: " + results.toAbsolutePath());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Clips per second of a step that computes {@code clips} clips: warmed up, then run for a few seconds. */
    private static double rate(Runnable step, int clips) {
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            step.run();
        }
        long start = System.nanoTime();
        long end = start + (long) (MEASURE_SECONDS * 1e9);
        int runs = 0;
        while (System.nanoTime() < end) {
            step.run();
            runs++;
        }
        return runs * clips / ((System.nanoTime() - start) / 1e9);
    }

    /** The largest difference between a clip's batched output and its single one, over the batch. */
    private static double largestDifference(Loaded single, Loaded batched, List<float[]> batch) {
        List<float[]> together = batched.forwardBatch(batch);
        double largest = 0;
        for (int i = 0; i < batch.size(); i++) {
            float[] alone = single.forwardOne(batch.get(i));
            for (int s = 0; s < alone.length; s++) {
                largest = Math.max(largest, Math.abs(alone[s] - together.get(i)[s]));
            }
        }
        if (largest > 1e-3) {
            throw new IllegalStateException("the batched model computes something else: samples differ by " + largest);
        }
        return largest;
    }

    /** {@code count} renderings of sentences of {@code words} words, zero-padded to the longest. */
    private static List<float[]> clips(EspeakEngine espeak, int words, int count) throws InterruptedException {
        String[] vocabulary = {"farm", "voice", "queue", "worker", "sentence", "batch", "model", "signal"};
        List<double[]> rendered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < words; w++) {
                text.append(vocabulary[(i + w * 3) % vocabulary.length]).append(' ');
            }
            rendered.add(Cepstra.samples(espeak.synthesize(text.toString().strip() + ".", Language.EN)));
        }
        int length = rendered.stream().mapToInt(r -> r.length).max().orElseThrow();
        List<float[]> clips = new ArrayList<>();
        for (double[] samples : rendered) {
            float[] clip = new float[length];
            for (int s = 0; s < samples.length; s++) {
                clip[s] = (float) samples[s];
            }
            clips.add(clip);
        }
        return clips;
    }

    private static VoiceModel.Weights randomWeights(Random random) {
        int order = VoiceModel.ORDER;
        int hidden = VoiceModel.HIDDEN;
        float[] std = new float[order];
        java.util.Arrays.fill(std, 1f);
        return new VoiceModel.Weights(gaussian(random, hidden * order, 0.1), gaussian(random, hidden, 0.1),
                gaussian(random, order * hidden, 0.01), gaussian(random, order, 0.01), new float[order], std);
    }

    private static float[] gaussian(Random random, int n, double scale) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return values;
    }

    /** The farm's loaded model, called once per clip or once for a batch. */
    private record Loaded(LoadedVoice voice) implements AutoCloseable {

        static Loaded of(byte[] archive, Device device) {
            return new Loaded(LoadedVoice.load(archive, device));
        }

        float[] forwardOne(float[] clip) {
            return voice.forward(clip, new Shape(clip.length));
        }

        List<float[]> forwardBatch(List<float[]> clips) {
            int length = clips.get(0).length;
            float[] flat = new float[clips.size() * length];
            for (int i = 0; i < clips.size(); i++) {
                System.arraycopy(clips.get(i), 0, flat, i * length, length);
            }
            float[] all = voice.forward(flat, new Shape(clips.size(), length));
            List<float[]> rows = new ArrayList<>();
            for (int i = 0; i < clips.size(); i++) {
                rows.add(java.util.Arrays.copyOfRange(all, i * length, (i + 1) * length));
            }
            return rows;
        }

        @Override
        public void close() {
            voice.close();
        }
    }
}
