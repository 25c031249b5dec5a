package dev.voicefarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** What every container of every Deployment must have, whichever app it runs. */
class ContainersTest {

    @Test
    void probesAreTheAppsHealthEndpointsOnItsPort() {
        eachContainer((deployment, container) -> {
            String where = where(deployment, container);
            int port = port(container);
            assertProbe(container.getReadinessProbe(), "/q/health/ready", port, where + " readiness");
            assertProbe(container.getLivenessProbe(), "/q/health/live", port, where + " liveness");
            if (container.getStartupProbe() != null) {
                assertProbe(container.getStartupProbe(), "/q/health/started", port, where + " startup");
            }
        });
    }

    @Test
    void imagesArePinned() {
        eachContainer((deployment, container) ->
                assertTrue(Conventions.pinned(container.getImage()), where(deployment, container) + ": " + container.getImage()));
    }

    @Test
    void secretsOnlyByReferenceToTheFarmsSecret() {
        eachContainer((deployment, container) -> {
            for (EnvVar env : container.getEnv()) {
                if (Conventions.secretLooking(env.getName())) {
                    String where = where(deployment, container) + " env " + env.getName();
                    assertNull(env.getValue(), where + " is written inline");
                    var ref = env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
                    assertNotNull(ref, where + " must be a secretKeyRef");
                    assertEquals(Manifests.SECRET, ref.getName(), where);
                    assertEquals(env.getName(), ref.getKey(), where + ": one key per variable, named alike");
                }
            }
        });
    }

    @Test
    void settingsComeFromTheFarmsConfigMap() {
        eachContainer((deployment, container) -> {
            List<EnvFromSource> sources = container.getEnvFrom();
            assertEquals(1, sources.size(), where(deployment, container) + " envFrom");
            assertNotNull(sources.get(0).getConfigMapRef(), where(deployment, container) + " envFrom");
            assertEquals(Manifests.CONFIG_MAP, sources.get(0).getConfigMapRef().getName(), where(deployment, container));
        });
    }

    @Test
    void resourcesAreRequestedAndMemoryLimited() {
        eachContainer((deployment, container) -> {
            var resources = container.getResources();
            assertNotNull(resources, where(deployment, container));
            assertTrue(resources.getRequests().containsKey("cpu") && resources.getRequests().containsKey("memory"),
                    where(deployment, container) + " requests " + resources.getRequests());
            assertTrue(resources.getLimits().containsKey("memory"), where(deployment, container) + " limits " + resources.getLimits());
        });
    }

    /** Prometheus scrapes every app's /q/metrics by the pod annotations (docs/deploying.md, Metrics). */
    @Test
    void podsAreScrapedOnTheirMetricsEndpoint() {
        for (Deployment deployment : Manifests.all(Deployment.class)) {
            Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
            String name = deployment.getMetadata().getName();
            assertEquals("true", annotations.get("prometheus.io/scrape"), name);
            assertEquals("/q/metrics", annotations.get("prometheus.io/path"), name);
            assertEquals(String.valueOf(port(deployment.getSpec().getTemplate().getSpec().getContainers().get(0))),
                    annotations.get("prometheus.io/port"), name);
        }
    }

    @Test
    void everyPodSaysHowLongItMayTakeToStop() {
        for (Deployment deployment : Manifests.all(Deployment.class)) {
            assertNotNull(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds(),
                    deployment.getMetadata().getName());
        }
    }

    private static void eachContainer(BiConsumer<Deployment, Container> check) {
        List<Deployment> deployments = Manifests.all(Deployment.class);
        assertTrue(deployments.size() > 0);
        deployments.forEach(deployment -> Manifests.containers(deployment).forEach(container -> check.accept(deployment, container)));
    }

    /** The app's one HTTP port: Quarkus serves the API (gateway), health and metrics on it. */
    private static int port(Container container) {
        assertEquals(1, container.getPorts().size(), container.getName() + " ports");
        return container.getPorts().get(0).getContainerPort();
    }

    private static void assertProbe(Probe probe, String path, int port, String what) {
        assertNotNull(probe, what);
        assertNotNull(probe.getHttpGet(), what + " is not an HTTP GET");
        assertEquals(path, probe.getHttpGet().getPath(), what);
        assertEquals(port, probe.getHttpGet().getPort().getIntVal(), what + " port");
    }

    private static String where(Deployment deployment, Container container) {
        return deployment.getMetadata().getName() + "/" + container.getName();
    }
}
