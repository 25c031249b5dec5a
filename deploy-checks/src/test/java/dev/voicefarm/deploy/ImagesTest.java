package dev.voicefarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
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

    /** jemalloc in every stage, as ./farm runs the apps (bench/results/worker-memory.md: 0.68 × glibc's resident memory). */
    @Test
    void everyImageAllocatesWithJemalloc() {
        String preload = "LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2";
        for (var dockerfile : Dockerfiles.all()) {
            String text = RepoFiles.read(dockerfile);
            int stages = Math.max(1, Dockerfiles.targets(dockerfile).size());
            assertEquals(stages, text.split(java.util.regex.Pattern.quote(preload), -1).length - 1,
                    dockerfile.getFileName() + ": LD_PRELOAD of jemalloc once per stage");
            assertEquals(stages, text.split("libjemalloc2", -1).length - 1,
                    dockerfile.getFileName() + ": libjemalloc2 installed once per stage");
        }
        assertTrue(RepoFiles.read(RepoFiles.ROOT.resolve("farm")).contains(preload.substring("LD_PRELOAD=".length())),
                "./farm's default FARM_JEMALLOC is the images' library");
    }
}
