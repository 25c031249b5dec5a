package dev.voicefarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every image the manifests name is one this repository builds: {@code <registry>/<app>:<version>}
 * from app.Dockerfile with {@code APP=<app>}, and {@code <registry>/worker:<version>-<variant>}
 * from the build target of that name in worker-gpu.Dockerfile.
 */
class ImagesTest {

    private static final Pattern FARM_IMAGE = Pattern.compile("ghcr\\.io/voicefarm/([a-z]+):(\\d+\\.\\d+\\.\\d+)(?:-([a-z]+))?");

    @Test
    void everyImageIsBuiltByADockerfileHere() {
        for (Deployment deployment : Manifests.all(Deployment.class)) {
            Manifests.containers(deployment).forEach(container -> {
                String where = deployment.getMetadata().getName() + ": " + container.getImage();
                Matcher image = FARM_IMAGE.matcher(container.getImage());
                assertTrue(image.matches(), where + " is not ghcr.io/voicefarm/<app>:<version>[-<variant>]");
                String app = image.group(1);
                assertTrue(Files.isRegularFile(RepoFiles.ROOT.resolve(app).resolve("pom.xml")), where + ": no module " + app);
                String variant = image.group(3);
                if (variant != null) {
                    assertEquals("worker", app, where + ": only the worker has variants");
                    assertTrue(Dockerfiles.targets(Dockerfiles.WORKER_GPU).contains(variant),
                            where + ": worker-gpu.Dockerfile has no target " + variant);
                } else {
                    assertTrue(RepoFiles.read(Dockerfiles.APP).contains("${APP}/target/quarkus-app/"), where);
                }
            });
        }
    }

    @Test
    void everyGpuVariantIsUsed() {
        for (String target : Dockerfiles.targets(Dockerfiles.WORKER_GPU)) {
            assertTrue(Manifests.all(Deployment.class).stream().flatMap(Manifests::containers)
                    .anyMatch(c -> c.getImage().endsWith("-" + target)), "no Deployment runs worker-gpu's " + target);
        }
    }

    /**
     * jemalloc in every stage, with the library and settings ./farm runs the apps with (its
     * JEMALLOC_LIB and JEMALLOC_CONF): bench/results/worker-memory.md, 0.50 × glibc's resident memory.
     */
    @Test
    void everyImageAllocatesWithJemallocAsFarmDoes() {
        String farm = RepoFiles.read(RepoFiles.ROOT.resolve("farm"));
        String library = farmSetting(farm, "JEMALLOC_LIB");
        String settings = farmSetting(farm, "JEMALLOC_CONF");
        for (var dockerfile : Dockerfiles.all()) {
            List<String> stages = Dockerfiles.stages(dockerfile);
            for (int i = 0; i < stages.size(); i++) {
                String stage = stages.get(i);
                String where = dockerfile.getFileName() + " stage " + (i + 1);
                assertTrue(stage.contains("libjemalloc2"), where + " does not install libjemalloc2");
                assertTrue(stage.contains("LD_PRELOAD=" + library), where + " does not preload " + library);
                assertTrue(stage.contains("MALLOC_CONF=" + settings), where + " does not set MALLOC_CONF=" + settings);
            }
        }
    }

    private static String farmSetting(String farm, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "=(\\S+)$").matcher(farm);
        assertTrue(matcher.find(), "./farm sets no " + name);
        return matcher.group(1);
    }
}
