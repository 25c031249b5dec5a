package dev.voicefarm.worker.engine.gptsovits;

import dev.voicefarm.common.voices.GptSovitsVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the worker runs GPT-SoVITS: where its install is and how the {@code api_v2.py} processes are
 * supervised. The family is on only when {@code installDir} is set.
 *
 * <p>Settings and defaults (prefix {@code farm.worker.gpt-sovits.}):
 * <ul>
 * <li>{@code install-dir} (none): the GPT-SoVITS checkout, holding {@code api_v2.py}; the processes run there.</li>
 * <li>{@code python} ({@code python3}): the interpreter of the install's environment (its venv's python).</li>
 * <li>{@code processes} (1): api_v2 processes; each holds one voice's weights at a time and speaks one
 *     request at a time. Each costs GPU memory (≈ 2–4 GB for v2, more for v3/v4).</li>
 * <li>{@code first-port} (9880): process {@code i} listens on {@code 127.0.0.1:first-port + i}.</li>
 * <li>{@code config} ({@code GPT_SoVITS/configs/tts_infer.yaml}): relative to the install; each process
 *     gets its own copy of it (api_v2 rewrites its config on every weight change).</li>
 * <li>{@code versions} (v1, v2, v2Pro, v2ProPlus, v3, v4): the model versions the install can run (v3
 *     and v4 need their pretrained base models and vocoders downloaded).</li>
 * <li>{@code recycle-after-jobs} (500): a process is restarted after this many requests (sentences),
 *     before GPT-SoVITS's slow memory growth matters.</li>
 * <li>{@code max-rss-mb} (6144): a process whose resident memory (with its children) is above this
 *     after a request is restarted.</li>
 * <li>{@code max-gpu-mb} (on a GPU class: 90 % of the card's memory shared by the processes; else 0, no
 *     ceiling): a process holding more GPU memory than this at a health check is restarted (NVIDIA
 *     only: {@code nvidia-smi --query-compute-apps}).</li>
 * <li>{@code health-interval} (10s): how often an idle process is asked whether it still answers.</li>
 * <li>{@code start-timeout} (180s): how long a starting process may take to answer (it loads BERT,
 *     HuBERT and the default weights first).</li>
 * <li>{@code request-timeout} (120s): the longest one request (a sentence, or a weights switch) may take;
 *     a process that takes longer is killed and restarted.</li>
 * <li>{@code cache-dir} ({@code java.io.tmpdir/voicefarm-gpt-sovits}): voices' weights fetched from S3,
 *     the processes' configs and logs.</li>
 * <li>{@code cache-max-mb} (20480): voices' files kept on disk, least recently used out first.</li>
 * <li>{@code environment} (none): extra environment variables for the processes
 *     ({@code CUDA_VISIBLE_DEVICES}, {@code HF_HOME}, ...).</li>
 * </ul>
 */
public record GptSovitsSettings(
        Optional<Path> installDir,
        String python,
        int processes,
        int firstPort,
        Path config,
        List<GptSovitsVersion> versions,
        int recycleAfterJobs,
        long maxRssMb,
        long maxGpuMb,
        Duration healthInterval,
        Duration startTimeout,
        Duration requestTimeout,
        Path cacheDir,
        long cacheMaxMb,
        Map<String, String> environment) {

    public static final String DEFAULT_CONFIG = "GPT_SoVITS/configs/tts_infer.yaml";

    public GptSovitsSettings {
        if (processes < 1) {
            throw new IllegalArgumentException("gpt-sovits processes must be at least 1, not " + processes);
        }
        if (firstPort < 1 || firstPort + processes - 1 > 65535) {
            throw new IllegalArgumentException("gpt-sovits ports %d..%d are not valid ports"
                    .formatted(firstPort, firstPort + processes - 1));
        }
        if (config.isAbsolute()) {
            throw new IllegalArgumentException("gpt-sovits config must be relative to the install dir: " + config);
        }
        versions = List.copyOf(versions);
        environment = Map.copyOf(environment);
    }

    public boolean enabled() {
        return installDir.isPresent();
    }

    /** The install's own config, which every process's copy starts from. */
    Path installConfig() {
        return install().resolve(config);
    }

    Path install() {
        return installDir.orElseThrow(() -> new IllegalStateException("GPT-SoVITS is off: no install dir is set"));
    }

    int port(int slot) {
        return firstPort + slot;
    }

    long cacheMaxBytes() {
        return cacheMaxMb * 1024 * 1024;
    }
}
