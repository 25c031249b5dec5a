package dev.voicefarm.worker.engine.torchscript;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of one TorchScript module instance: its class ({@code __torch__.X}) and a value for
 * every attribute the class declares, in declaration order: {@link FloatTensor}s, nested
 * {@code ModuleState}s, {@link Boolean}s (always {@code training}), {@link Integer}s, {@link Double}s.
 */
public record ModuleState(String qualifiedClass, Map<String, Object> attributes) {

    public ModuleState {
        if (!qualifiedClass.startsWith("__torch__.")) {
            throw new IllegalArgumentException("TorchScript classes live under __torch__: " + qualifiedClass);
        }
        attributes = new LinkedHashMap<>(attributes);
    }

    /** A float32 tensor, contiguous, row-major. */
    public record FloatTensor(float[] data, long... shape) {
        public FloatTensor {
            long count = 1;
            for (long dimension : shape) {
                count *= dimension;
            }
            if (count != data.length) {
                throw new IllegalArgumentException("shape holds " + count + " values, data has " + data.length);
            }
        }
    }
}
