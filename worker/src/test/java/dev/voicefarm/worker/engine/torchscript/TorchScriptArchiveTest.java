package dev.voicefarm.worker.engine.torchscript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.NoopTranslator;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives written in Java, loaded and run by libtorch through DJL (offline, on the CPU). */
class TorchScriptArchiveTest {

    @TempDir
    Path dir;

    private static final String AFFINE = """
            class Affine(Module):
              __parameters__ = ["weight", "bias", ]
              __buffers__ = []
              weight : Tensor
              bias : Tensor
              training : bool
              def forward(self: __torch__.Affine,
                x: Tensor) -> Tensor:
                return torch.linear(x, self.weight, self.bias)
            class Twice(Module):
              __parameters__ = []
              __buffers__ = []
              first : __torch__.Affine
              scale : float
              training : bool
              def forward(self: __torch__.Twice,
                x: Tensor) -> Tensor:
                y = (self.first).forward(x, )
                return torch.mul(y, self.scale)
            """;

    private float[] run(String name, ModuleState state, float[] input, long... shape) throws Exception {
        try (OutputStream out = Files.newOutputStream(dir.resolve(name + ".pt"))) {
            new TorchScriptArchive(name).source("__torch__", AFFINE).write(state, out);
        }
        try (Model model = Model.newInstance(name, Device.cpu(), "PyTorch")) {
            model.load(dir, name);
            try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                 NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                NDList output = predictor.predict(new NDList(manager.create(input, new Shape(shape))));
                return output.singletonOrThrow().toFloatArray();
            }
        }
    }

    private static ModuleState affine() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("weight", new ModuleState.FloatTensor(new float[] {1, 0, 2, 0, 1, -1}, 2, 3));
        attributes.put("bias", new ModuleState.FloatTensor(new float[] {0.5f, -0.5f}, 2));
        attributes.put("training", false);
        return new ModuleState("__torch__.Affine", attributes);
    }

    @Test
    void writtenModuleComputesKnownNumbers() throws Exception {
        assertArrayEquals(new float[] {7.5f, -1.5f}, run("affine", affine(), new float[] {1, 2, 3}, 1, 3));
    }

    @Test
    void moduleTrainedInDjlIsWrittenBackAndReloadsWithIdenticalOutputs() throws Exception {
        try (OutputStream out = Files.newOutputStream(dir.resolve("trainable.pt"))) {
            new TorchScriptArchive("trainable").source("__torch__", AFFINE).write(affine(), out);
        }
        float[] input = {1, 2, 3, -1, 0, 1};
        float[] trained;
        try (Model model = Model.newInstance("trainable", Device.cpu(), "PyTorch");
             NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            model.load(dir, "trainable", Map.of("trainParam", "true"));
            NDArray x = manager.create(input, new Shape(2, 3));
            NDArray target = manager.create(new float[] {1, 1, 1, 1}, new Shape(2, 2));
            TrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build());
            float firstLoss = Float.NaN;
            float lastLoss = Float.NaN;
            try (Trainer trainer = model.newTrainer(config)) {
                for (int step = 0; step < 100; step++) {
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray prediction = trainer.forward(new NDList(x)).singletonOrThrow();
                        NDArray loss = prediction.sub(target).square().mean();
                        lastLoss = loss.getFloat();
                        firstLoss = step == 0 ? lastLoss : firstLoss;
                        collector.backward(loss);
                    }
                    trainer.step();
                }
            }
            assertTrue(lastLoss < firstLoss / 10, "loss went from " + firstLoss + " to " + lastLoss);
            try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
                trained = predictor.predict(new NDList(manager.create(input, new Shape(2, 3)))).singletonOrThrow()
                        .toFloatArray();
            }
            try (OutputStream out = Files.newOutputStream(dir.resolve("retrained.pt"))) {
                JniUtils.writeModule((PtSymbolBlock) model.getBlock(), out, false);
            }
        }
        try (Model reloaded = Model.newInstance("retrained", Device.cpu(), "PyTorch");
             NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            reloaded.load(dir, "retrained");
            try (Predictor<NDList, NDList> predictor = reloaded.newPredictor(new NoopTranslator())) {
                float[] again = predictor.predict(new NDList(manager.create(input, new Shape(2, 3))))
                        .singletonOrThrow().toFloatArray();
                assertArrayEquals(trained, again);
            }
        }
    }

    @Test
    void nestedModulesAndScalarAttributesLoad() throws Exception {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("first", affine());
        attributes.put("scale", 2.0);
        attributes.put("training", false);
        float[] out = run("twice", new ModuleState("__torch__.Twice", attributes), new float[] {1, 2, 3, 0, 0, 0}, 2, 3);
        assertArrayEquals(new float[] {15f, -3f, 1f, -1f}, out);
    }
}
