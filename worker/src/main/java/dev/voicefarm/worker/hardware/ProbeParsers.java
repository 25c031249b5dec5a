package dev.voicefarm.worker.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicefarm.common.fleet.Gpu;
import dev.voicefarm.common.fleet.GpuVendor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the vendor tools' outputs. Each parser rejects what it cannot read with the reason. */
final class ProbeParsers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CUDA_VERSION = Pattern.compile("CUDA Version\\s*:?\\s*([0-9]+\\.[0-9]+)");

    private ProbeParsers() {
    }

    /** One GPU per line of {@code name, memory.total, memory.free, compute_cap, driver_version} (MiB). */
    static List<Gpu> nvidiaGpus(String csv) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.strip().split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\\s*,\\s*");
            if (fields.length < 4) {
                throw new IllegalArgumentException("nvidia-smi line has " + fields.length + " fields, expected 5: " + line);
            }
            gpus.add(new Gpu(GpuVendor.NVIDIA, fields[0].strip(), mib(fields[1]), mib(fields[2]),
                    fields[3].strip(), null));
        }
        return gpus;
    }

    /**
     * GPU memory (MiB) per process id, from lines of {@code pid, used_memory}; a process whose memory
     * the driver does not report ({@code [N/A]}, {@code [Not Supported]}) is left out.
     */
    static Map<Long, Long> gpuMemoryByPid(String csv) {
        Map<Long, Long> used = new HashMap<>();
        for (String line : csv.strip().split("\\R")) {
            String[] fields = line.strip().split("\\s*,\\s*");
            if (line.isBlank() || fields.length < 2 || fields[1].startsWith("[")) {
                continue;
            }
            try {
                used.merge(Long.parseLong(fields[0]), mib(fields[1]), Long::sum);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("nvidia-smi compute-apps line is not 'pid, used_memory': " + line);
            }
        }
        return used;
    }

    /** The driver version: the fifth field of the first line. */
    static Optional<String> nvidiaDriver(String csv) {
        String[] fields = csv.strip().split("\\R")[0].split("\\s*,\\s*");
        return fields.length >= 5 ? Optional.of(fields[4].strip()) : Optional.empty();
    }

    /** {@code CUDA Version : 12.4} in {@code nvidia-smi --version} (or its table header). */
    static Optional<String> cudaVersion(String text) {
        Matcher m = CUDA_VERSION.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * {@code rocm-smi --showproductname --showmeminfo vram --json}: one object per card. Key names
     * differ in case between ROCm releases, so they are compared ignoring case.
     */
    static List<Gpu> amdGpus(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("rocm-smi output is not JSON: " + e.getMessage());
        }
        List<Gpu> gpus = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> cards = root.fields(); cards.hasNext(); ) {
            Map.Entry<String, JsonNode> card = cards.next();
            if (!card.getKey().startsWith("card")) {
                continue;
            }
            JsonNode fields = card.getValue();
            String series = field(fields, "card series").orElse("AMD GPU");
            long total = field(fields, "vram total memory (b)").map(ProbeParsers::bytesToMib).orElse(0L);
            long used = field(fields, "vram total used memory (b)").map(ProbeParsers::bytesToMib).orElse(-1L);
            gpus.add(new Gpu(GpuVendor.AMD, marketingName(series), total, used < 0 ? -1 : total - used, null,
                    field(fields, "gfx version").orElse(null)));
        }
        return gpus;
    }

    /** The gfx targets of the GPU nodes of the KFD topology ({@code gfx_target_version 110000} → gfx1100). */
    static List<String> kfdGfxTargets(List<String> nodes) {
        List<String> targets = new ArrayList<>();
        for (String node : nodes) {
            for (String line : node.split("\\R")) {
                String[] kv = line.strip().split("\\s+");
                if (kv.length == 2 && kv[0].equals("gfx_target_version") && !kv[1].equals("0")) {
                    int version = Integer.parseInt(kv[1]);
                    targets.add("gfx" + version / 10000 + (version / 100) % 100 + Integer.toHexString(version % 100));
                }
            }
        }
        return targets;
    }

    /** {@code sysctl name: value} lines → value by name. */
    static Map<String, String> sysctl(String text) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                values.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return values;
    }

    /** "Navi 31 [Radeon RX 7900 XTX]" → "Radeon RX 7900 XTX". */
    private static String marketingName(String series) {
        int open = series.indexOf('[');
        int close = series.lastIndexOf(']');
        return open >= 0 && close > open ? series.substring(open + 1, close) : series;
    }

    private static Optional<String> field(JsonNode object, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(entry.getValue().asText());
            }
        }
        return Optional.empty();
    }

    private static long mib(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number of MiB: " + value);
        }
    }

    private static long bytesToMib(String bytes) {
        return Long.parseLong(bytes.strip()) / (1024 * 1024);
    }
}
