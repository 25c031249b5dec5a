package dev.voicefarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.common.fleet.HardwareClass;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** KEDA scales each worker class on the scheduler's gauges of that class (README, Metrics). */
class AutoscalingTest {

    private static final Pattern CLASS_LABEL = Pattern.compile("class\\s*=\\s*\"([^\"]*)\"");

    @Test
    void everyWorkerDeploymentHasExactlyOneScaledObject() {
        Map<String, Integer> targets = new HashMap<>();
        for (JsonNode scaled : Manifests.scaledObjects()) {
            assertEquals("Deployment", scaled.at("/spec/scaleTargetRef/kind").asText("Deployment"), name(scaled));
            targets.merge(scaled.at("/spec/scaleTargetRef/name").asText(), 1, Integer::sum);
        }
        Map<String, Integer> expected = new HashMap<>();
        Manifests.workers().values().forEach(d -> expected.put(d.getMetadata().getName(), 1));
        assertEquals(expected, targets, "ScaledObjects per target");
    }

    @Test
    void eachScalesOnItsOwnClassBacklogPlusRunningJobs() {
        for (JsonNode scaled : Manifests.scaledObjects()) {
            HardwareClass hardwareClass = classOf(scaled);
            JsonNode triggers = scaled.at("/spec/triggers");
            assertEquals(1, triggers.size(), name(scaled));
            JsonNode trigger = triggers.get(0);
            assertEquals("prometheus", trigger.path("type").asText(), name(scaled));
            String query = trigger.at("/metadata/query").asText();
            String label = "{class=\"" + hardwareClass.id() + "\"}";
            assertTrue(query.contains("voicefarm_class_backlog_jobs" + label), name(scaled) + ": " + query);
            // Running jobs too: a class with work in flight and nothing queued must not look idle.
            assertTrue(query.contains("voicefarm_class_running_jobs" + label), name(scaled) + ": " + query);
            assertEquals(Set.of(hardwareClass.id()), classesNamed(query), name(scaled) + " reads another class: " + query);
            assertTrue(Integer.parseInt(trigger.at("/metadata/threshold").asText("0")) > 0, name(scaled) + ": threshold");
            // An empty answer (scheduler or Prometheus down) must not read as an idle class.
            assertEquals("false", trigger.at("/metadata/ignoreNullValues").asText(), name(scaled) + ": ignoreNullValues");
        }
    }

    @Test
    void idleGpuClassesScaleToZeroCpuClassesNever() {
        for (JsonNode scaled : Manifests.scaledObjects()) {
            HardwareClass hardwareClass = classOf(scaled);
            int min = scaled.at("/spec/minReplicaCount").asInt(0);
            if (hardwareClass.gpu()) {
                assertEquals(0, min, name(scaled) + ": an idle GPU class releases its GPUs");
                assertTrue(scaled.at("/spec/cooldownPeriod").asInt(0) > 0, name(scaled) + ": cooldownPeriod");
            } else {
                assertTrue(min >= 1, name(scaled) + ": CPU fallback needs a live CPU worker");
            }
            assertTrue(scaled.at("/spec/maxReplicaCount").asInt(0) > Math.max(min, 0), name(scaled) + ": maxReplicaCount");
        }
    }

    /** A replica count in the Deployment would reset KEDA's on every {@code kubectl apply}. */
    /** A class at zero wakes only if jobs wait for it: the gateway must know which classes those are. */
    @Test
    void theGatewayQueuesForExactlyTheClassesThatScaleFromZero() {
        Set<HardwareClass> fromZero = new TreeSet<>();
        for (JsonNode scaled : Manifests.scaledObjects()) {
            if (scaled.at("/spec/minReplicaCount").asInt(0) == 0) {
                fromZero.add(classOf(scaled));
            }
        }
        String wake = Manifests.all(io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
                .filter(map -> map.getMetadata().getName().equals("voicefarm-config")).findFirst().orElseThrow()
                .getData().getOrDefault("FARM_GATEWAY_WAKE_CLASSES", "");
        assertEquals(fromZero, new TreeSet<>(HardwareClass.fromSetting("FARM_GATEWAY_WAKE_CLASSES", java.util.List.of(wake.split(",")))));
    }

    @Test
    void scaledDeploymentsLeaveTheirReplicaCountToKeda() {
        for (Deployment deployment : Manifests.workers().values()) {
            assertNull(deployment.getSpec().getReplicas(), deployment.getMetadata().getName());
        }
    }

    private static HardwareClass classOf(JsonNode scaled) {
        String target = scaled.at("/spec/scaleTargetRef/name").asText();
        return Manifests.workers().entrySet().stream().filter(e -> e.getValue().getMetadata().getName().equals(target))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError(name(scaled) + " targets no worker Deployment: " + target));
    }

    private static Set<String> classesNamed(String query) {
        Set<String> classes = new TreeSet<>();
        Matcher matcher = CLASS_LABEL.matcher(query);
        while (matcher.find()) {
            classes.add(matcher.group(1));
        }
        return classes;
    }

    private static String name(JsonNode scaled) {
        return "ScaledObject " + scaled.at("/metadata/name").asText();
    }
}
