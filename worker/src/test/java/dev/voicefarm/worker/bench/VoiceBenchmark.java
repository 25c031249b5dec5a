package dev.voicefarm.worker.bench;

import ai.djl.Device;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.worker.engine.EspeakEngine;
import dev.voicefarm.worker.engine.voice.FittedVoice;
import dev.voicefarm.worker.engine.voice.LoadedVoice;
import dev.voicefarm.worker.engine.voice.VoiceEvaluation;
import dev.voicefarm.worker.engine.voice.VoiceModel;
import dev.voicefarm.worker.engine.voice.VoiceTrainer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Voice benchmark, run by bench/voice.sh: trains a voice on the dataset deploy/voices/make-dataset.sh
 * generates (about a minute of a different eSpeak NG speaker) on one CPU thread, and reports
 * training time per epoch and in total, MCD and F0 RMSE on held-out clips before and after, and
 * the real-time factor of synthesis in the base voice and in the trained voice. Prints the figures
 * and writes them to the results file given as the third argument.
 */
public final class VoiceBenchmark {

    private VoiceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path zip = Path.of(args[0]);
        Path heldOutDir = Path.of(args[1]);
        Path results = Path.of(args[2]);
        int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        EspeakEngine espeak = new EspeakEngine("espeak-ng");
        List<VoiceTrainer.Clip> training = readLjSpeech(zip);
        List<VoiceTrainer.Clip> heldOut = readHeldOut(heldOutDir);
        double datasetSeconds = training.stream().mapToDouble(c -> c.target().durationSeconds()).sum();

        List<Long> epochEnds = new ArrayList<>();
        long start = System.nanoTime();
        VoiceTrainer.Trained trained = new VoiceTrainer(espeak, Device.cpu()).train(training, Language.EN, epochs,
                new NoCheckpoints(), (epoch, total, loss) -> epochEnds.add(System.nanoTime()));
        double totalSeconds = (System.nanoTime() - start) / 1e9;
        double[] perEpoch = new double[epochEnds.size() - 1];
        for (int i = 1; i < epochEnds.size(); i++) {
            perEpoch[i - 1] = (epochEnds.get(i) - epochEnds.get(i - 1)) / 1e9;
        }
        double setupSeconds = (epochEnds.get(0) - start) / 1e9 - perEpoch[0];

        try (FittedVoice voice = new FittedVoice(espeak, LoadedVoice.load(VoiceModel.archive(trained.weights()),
                Device.cpu()), trained.pitch(), trained.speed())) {
            VoiceEvaluation evaluation = VoiceEvaluation.of(heldOut, Language.EN, espeak, voice);
            double rtfBase = median(rtf(heldOut, text -> espeak.synthesize(text, Language.EN)));
            double rtfVoice = median(rtf(heldOut, text -> voice.speak(text, Language.EN)));
            String report = """
                    # Voice model v1: training and quality

                    Measured by `bench/voice.sh` on %s — %d cores, %s, Java %s, DJL PyTorch on the CPU with one \
                    intra-op thread. Dataset: `deploy/voices/make-dataset.sh` (eSpeak NG `en-us+f3`, pitch 70, \
                    speed 160: another speaker than the base `en-us`), %d training clips, %.1f s of audio; %d \
                    held-out clips.

                    | figure | value | goal |
                    |---|---|---|
                    | MCD to the speaker, untrained model (base voice) | %.2f dB | |
                    | MCD to the speaker, trained voice | %.2f dB | |
                    | MCD gain | %.2f dB | ≥ 2 dB |
                    | F0 RMSE, untrained → trained | %.1f → %.1f Hz | |
                    | training, total (fit pitch and speed, render, align, %d epochs) | %.1f s | ≤ 600 s |
                    | of which before the first epoch (rendering, DTW) | %.1f s | |
                    | one epoch, median | %.3f s | |
                    | synthesis real-time factor, base voice (eSpeak NG) | %.4f | |
                    | synthesis real-time factor, trained voice (eSpeak NG + model) | %.4f | ≤ 0.05 |

                    Fitted eSpeak NG settings: pitch %d, speed %d; final training loss %.5f over %d aligned frames.
                    """.formatted(LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                    System.getProperty("java.version"), training.size(), datasetSeconds, heldOut.size(),
                    evaluation.mcdBeforeDb(), evaluation.mcdAfterDb(), evaluation.mcdBeforeDb() - evaluation.mcdAfterDb(),
                    evaluation.f0RmseBeforeHz(), evaluation.f0RmseAfterHz(), epochs, totalSeconds, setupSeconds,
                    median(perEpoch), rtfBase, rtfVoice, trained.pitch(), trained.speed(), trained.finalLoss(),
                    trained.alignedFrames());
            System.out.println(report);
            Files.createDirectories(results.toAbsolutePath().getParent());
            Files.writeString(results, report);
        }
    }

    @FunctionalInterface
    private interface Speaker {
        Wav speak(String text) throws InterruptedException;
    }

    private static double[] rtf(List<VoiceTrainer.Clip> clips, Speaker speaker) throws InterruptedException {
        speaker.speak(clips.get(0).text());
        double[] factors = new double[clips.size() * 3];
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < clips.size(); i++) {
                long t0 = System.nanoTime();
                Wav wav = speaker.speak(clips.get(i).text());
                factors[round * clips.size() + i] = (System.nanoTime() - t0) / 1e9 / wav.durationSeconds();
            }
        }
        return factors;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static List<VoiceTrainer.Clip> readLjSpeech(Path zip) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                String name = entry.getName().replaceFirst("^\\./", "");
                files.put(name.substring(name.lastIndexOf('/') + 1), bytes.toByteArray());
            }
        }
        List<VoiceTrainer.Clip> clips = new ArrayList<>();
        for (String line : new String(files.get("metadata.csv"), StandardCharsets.UTF_8).split("\\R")) {
            String[] fields = line.split("\\|");
            if (fields.length >= 2) {
                clips.add(new VoiceTrainer.Clip(fields[fields.length - 1], Wav.parse(files.get(fields[0] + ".wav"))));
            }
        }
        return clips;
    }

    private static List<VoiceTrainer.Clip> readHeldOut(Path dir) throws IOException {
        List<VoiceTrainer.Clip> clips = new ArrayList<>();
        for (int n = 1; Files.exists(dir.resolve(n + ".wav")); n++) {
            clips.add(new VoiceTrainer.Clip(Files.readString(dir.resolve(n + ".txt")).strip(),
                    Wav.parse(Files.readAllBytes(dir.resolve(n + ".wav")))));
        }
        return clips;
    }

    private static final class NoCheckpoints implements VoiceTrainer.Checkpoints {
        @Override
        public Optional<VoiceTrainer.Checkpoint> latest() {
            return Optional.empty();
        }

        @Override
        public void save(VoiceTrainer.Checkpoint checkpoint) {
            // The benchmark measures training, not S3.
        }
    }
}
