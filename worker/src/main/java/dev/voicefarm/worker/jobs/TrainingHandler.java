package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobResult;
import dev.voicefarm.common.jobs.Language;
import dev.voicefarm.common.jobs.Progress;
import dev.voicefarm.common.jobs.TrainingJob;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.storage.ArtifactStore;
import dev.voicefarm.common.storage.ObjectKeys;
import dev.voicefarm.common.voices.DatasetManifest;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.common.voices.VoiceMetrics;
import dev.voicefarm.worker.engine.EngineException;
import dev.voicefarm.worker.engine.EspeakEngine;
import dev.voicefarm.worker.engine.voice.FittedVoice;
import dev.voicefarm.worker.engine.voice.LoadedVoice;
import dev.voicefarm.worker.engine.voice.VoiceEvaluation;
import dev.voicefarm.worker.engine.voice.VoiceModel;
import dev.voicefarm.worker.engine.voice.VoiceTrainer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs one voice fine-tuning job: reads the dataset from S3, keeps its last clips (10 %, at least
 * two) apart for evaluation, trains with a checkpoint in S3 after every epoch (a redelivered job
 * resumes from it) and a RUNNING progress event per epoch, evaluates against the untrained model,
 * and stores {@code voice.pt} and {@code voice.json} under {@code farm-models}. The voice's id is
 * the job's id and its version the attempt, so an attempt writes only its own version's files; the
 * catalogue lists the version of the attempt whose SUCCEEDED won.
 */
public final class TrainingHandler implements JobHandler {

    private static final Logger LOG = Logger.getLogger(TrainingHandler.class);

    private final VoiceTrainer trainer;
    private final EspeakEngine espeak;
    private final ArtifactStore store;
    private final EventSink events;
    private final ai.djl.Device device;
    private final JobRun<TrainingJob> run;

    public TrainingHandler(VoiceTrainer trainer, EspeakEngine espeak, ArtifactStore store, ai.djl.Device device,
                           Lifecycle lifecycle) {
        this.trainer = trainer;
        this.espeak = espeak;
        this.store = store;
        this.events = lifecycle.events();
        this.device = device;
        this.run = new JobRun<>(TrainingJob.class, lifecycle);
    }

    @Override
    public Disposition handle(String topic, String payload, int attempt) throws InterruptedException {
        return run.handle(payload, attempt, (job, running) -> {
            long started = System.nanoTime();
            Voice voice = train(job, running, started);
            LOG.infof("job %s trained voice '%s': MCD %.2f → %.2f dB on %d held-out clips", job.jobId(), voice.name(),
                    voice.metrics().mcdBeforeDb(), voice.metrics().mcdAfterDb(), voice.metrics().heldOutClips());
            return JobResult.trained(voice, (System.nanoTime() - started) / 1e9);
        });
    }

    private Voice train(TrainingJob job, JobEvent running, long started) throws InterruptedException {
        Language language = Language.fromCode(job.language())
                .orElseThrow(() -> new EngineException("unsupported language: " + job.language(), true));
        List<VoiceTrainer.Clip> clips = clips(job);
        int heldOut = Math.max(2, clips.size() / 10);
        List<VoiceTrainer.Clip> training = clips.subList(0, clips.size() - heldOut);
        List<VoiceTrainer.Clip> evaluation = clips.subList(clips.size() - heldOut, clips.size());

        VoiceTrainer.Trained trained = trainer.train(training, language, job.epochs(), new S3Checkpoints(store, job, running.attempt()),
                (epoch, epochs, loss) -> events.publish(running.withAt(Instant.now()).withProgress(new Progress(epoch, epochs, loss))));
        byte[] archive = VoiceModel.archive(trained.weights());
        VoiceEvaluation measured;
        try (FittedVoice voice = new FittedVoice(espeak, LoadedVoice.load(archive, device), trained.pitch(),
                trained.speed())) {
            measured = VoiceEvaluation.of(evaluation, language, espeak, voice);
        }
        VoiceMetrics metrics = new VoiceMetrics(measured.clips(), measured.mcdBeforeDb(), measured.mcdAfterDb(),
                measured.f0RmseBeforeHz(), measured.f0RmseAfterHz(), (System.nanoTime() - started) / 1e9,
                job.epochs(), trained.finalLoss());
        int version = running.attempt();
        Voice voice = Voice.trained(job.jobId(), job.tenant(), job.name(), language.code(), version, Instant.now(),
                job.datasetId(), "espeak-ng " + language.espeakVoice(), DatasetManifest.SAMPLE_RATE,
                trained.pitch(), trained.speed(), metrics);
        store.put(ObjectKeys.MODELS_BUCKET, ObjectKeys.voiceFile(job.tenant(), voice.id(), version, "voice.pt"), archive,
                "application/octet-stream");
        store.put(ObjectKeys.MODELS_BUCKET, ObjectKeys.voiceFile(job.tenant(), voice.id(), version, "voice.json"),
                Json.encode(voice).getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
        return voice;
    }

    private List<VoiceTrainer.Clip> clips(TrainingJob job) {
        byte[] manifestJson = store.find(ObjectKeys.DATASETS_BUCKET, ObjectKeys.datasetManifest(job.tenant(), job.datasetId()))
                .orElseThrow(() -> new EngineException("dataset " + job.datasetId() + " does not exist", true));
        DatasetManifest manifest = Json.decode(new String(manifestJson, java.nio.charset.StandardCharsets.UTF_8),
                DatasetManifest.class);
        List<VoiceTrainer.Clip> clips = new ArrayList<>();
        for (DatasetManifest.Clip clip : manifest.clips()) {
            clips.add(new VoiceTrainer.Clip(clip.text(), Wav.parse(store.get(ObjectKeys.DATASETS_BUCKET, clip.key()))));
        }
        if (clips.size() < 3) {
            throw new EngineException("dataset " + job.datasetId() + " has " + clips.size() + " clips; training needs more", true);
        }
        return clips;
    }

    /**
     * The checkpoints of a job in S3, one folder per attempt ({@code checkpoints/<attempt>/latest.json}
     * and {@code latest.params}): an attempt writes only its own folder, so a stale attempt still
     * training can never replace a newer one's checkpoint, and resumes from the newest attempt's
     * (the highest attempt number with a checkpoint, at most its own).
     */
    private record S3Checkpoints(ArtifactStore store, TrainingJob job, int attempt) implements VoiceTrainer.Checkpoints {

        private record State(int epoch, double loss, int pitch, int speed, float[] mean, float[] std) {
        }

        @Override
        public Optional<VoiceTrainer.Checkpoint> latest() {
            String prefix = ObjectKeys.checkpoints(job.tenant(), job.jobId());
            return store.list(ObjectKeys.ARTIFACTS_BUCKET, prefix).stream()
                    .map(object -> object.key().substring(prefix.length()))
                    .filter(name -> name.matches("\\d+/latest\\.json"))
                    .map(name -> Integer.parseInt(name.substring(0, name.indexOf('/'))))
                    .filter(previous -> previous <= attempt)
                    .max(Integer::compare)
                    .flatMap(this::load);
        }

        private Optional<VoiceTrainer.Checkpoint> load(int from) {
            return store.find(ObjectKeys.ARTIFACTS_BUCKET, key(from, "latest.json")).flatMap(json -> {
                State state = Json.decode(new String(json, java.nio.charset.StandardCharsets.UTF_8), State.class);
                return store.find(ObjectKeys.ARTIFACTS_BUCKET, key(from, "latest.params")).map(params -> {
                    LOG.infof("job %s attempt %d resumes after epoch %d of attempt %d", job.jobId(), attempt,
                            state.epoch(), from);
                    return new VoiceTrainer.Checkpoint(state.epoch(), state.loss(), state.pitch(), state.speed(),
                            state.mean(), state.std(), params);
                });
            });
        }

        /** Parameters first: a state file always names parameters at least as new as itself. */
        @Override
        public void save(VoiceTrainer.Checkpoint checkpoint) {
            store.put(ObjectKeys.ARTIFACTS_BUCKET, key(attempt, "latest.params"), checkpoint.parameters(),
                    "application/octet-stream");
            State state = new State(checkpoint.epoch(), checkpoint.loss(), checkpoint.pitch(), checkpoint.speed(),
                    checkpoint.mean(), checkpoint.std());
            store.put(ObjectKeys.ARTIFACTS_BUCKET, key(attempt, "latest.json"),
                    Json.encode(state).getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
        }

        private String key(int of, String file) {
            return ObjectKeys.checkpoint(job.tenant(), job.jobId(), of, file);
        }
    }
}
