package dev.voicefarm.worker.engine.torchscript;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a standard TorchScript archive ({@code .pt}) from TorchScript source and module state,
 * without Python: libtorch compiles the source when the archive is loaded (by DJL here, or by
 * {@code torch.jit.load}). Layout: {@code <name>/version}, {@code constants.pkl}, {@code code/...},
 * {@code data.pkl} (the pickled module tree) and {@code data/<n>} (raw tensor bytes).
 */
public final class TorchScriptArchive {

    /** Archive format 10: the newest libtorch 2.x loads without legacy operator behaviour. */
    private static final String FORMAT_VERSION = "10\n";
    private static final byte[] EMPTY_TUPLE_PICKLE = {(byte) 0x80, 2, ')', '.'};

    private final String name;
    private final Map<String, String> code = new LinkedHashMap<>();

    /** @param name the archive's top folder, conventionally the model's name */
    public TorchScriptArchive(String name) {
        this.name = name;
    }

    /**
     * Adds the source of a TorchScript module: classes of {@code __torch__.a.b} go in
     * {@code code/__torch__/a/b.py}, classes of {@code __torch__} in {@code code/__torch__.py}.
     */
    public TorchScriptArchive source(String module, String text) {
        code.put("code/" + module.replace('.', '/') + ".py", text);
        return this;
    }

    public void write(ModuleState root, OutputStream target) throws IOException {
        List<ModuleState.FloatTensor> tensors = new ArrayList<>();
        Pickler pickle = new Pickler();
        module(pickle, root, tensors);
        byte[] data = pickle.finish();
        try (ZipOutputStream zip = new ZipOutputStream(target)) {
            entry(zip, "version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
            entry(zip, "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            entry(zip, "constants.pkl", EMPTY_TUPLE_PICKLE);
            for (Map.Entry<String, String> file : code.entrySet()) {
                entry(zip, file.getKey(), file.getValue().getBytes(StandardCharsets.UTF_8));
            }
            entry(zip, "data.pkl", data);
            for (int i = 0; i < tensors.size(); i++) {
                entry(zip, "data/" + i, littleEndian(tensors.get(i).data()));
            }
        }
    }

    private static void module(Pickler pickle, ModuleState state, List<ModuleState.FloatTensor> tensors) {
        int dot = state.qualifiedClass().lastIndexOf('.');
        pickle.global(state.qualifiedClass().substring(0, dot), state.qualifiedClass().substring(dot + 1))
                .emptyTuple().newObj().emptyDict().mark();
        for (Map.Entry<String, Object> attribute : state.attributes().entrySet()) {
            pickle.string(attribute.getKey());
            value(pickle, attribute.getValue(), tensors);
        }
        pickle.setItems().build();
    }

    private static void value(Pickler pickle, Object value, List<ModuleState.FloatTensor> tensors) {
        if (value instanceof ModuleState sub) {
            module(pickle, sub, tensors);
        } else if (value instanceof ModuleState.FloatTensor tensor) {
            tensor(pickle, tensor, tensors);
        } else if (value instanceof Boolean b) {
            pickle.bool(b);
        } else if (value instanceof Integer i) {
            pickle.integer(i);
        } else if (value instanceof Double d) {
            pickle.floating(d);
        } else {
            throw new IllegalArgumentException("cannot pickle a " + value.getClass().getSimpleName());
        }
    }

    /** {@code torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())}. */
    private static void tensor(Pickler pickle, ModuleState.FloatTensor tensor, List<ModuleState.FloatTensor> tensors) {
        String key = Integer.toString(tensors.size());
        tensors.add(tensor);
        pickle.global("torch._utils", "_rebuild_tensor_v2").mark();
        pickle.mark().string("storage").global("torch", "FloatStorage").string(key).string("cpu")
                .integer(tensor.data().length).tuple().persistentId();
        pickle.integer(0);
        longs(pickle, tensor.shape());
        longs(pickle, strides(tensor.shape()));
        pickle.bool(false);
        pickle.global("collections", "OrderedDict").emptyTuple().reduce();
        pickle.tuple().reduce();
    }

    private static void longs(Pickler pickle, long[] values) {
        pickle.mark();
        for (long value : values) {
            pickle.integer(Math.toIntExact(value));
        }
        pickle.tuple();
    }

    private static long[] strides(long[] shape) {
        long[] strides = new long[shape.length];
        long stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }

    private void entry(ZipOutputStream zip, String path, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name + "/" + path));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            bytes.putFloat(value);
        }
        return bytes.array();
    }
}
