package dev.voicefarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.fleet.HardwareClass;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One worker Deployment per hardware class that runs in Kubernetes, each placed and sized for its hardware. */
class WorkerDeploymentsTest {

    /**
     * apple-cpu is macOS on Apple Silicon; Kubernetes runs Linux containers, where the worker's probe
     * finds class cpu. Macs run their workers outside the cluster (worker-cpu.yaml, docs/deploying.md).
     */
    private static final Set<HardwareClass> OUTSIDE_KUBERNETES = EnumSet.of(HardwareClass.APPLE_CPU);

    /** The device plugins' resource names: Kubernetes' side of "which vendor's GPU". */
    private static final Map<HardwareClass, String> GPU_RESOURCE = Map.of(
            HardwareClass.NVIDIA, "nvidia.com/gpu",
            HardwareClass.AMD, "amd.com/gpu");

    /** After its drain timeout a worker waits up to 10 s for its stopped queues to release their jobs (JobQueues.STOP_WAIT). */
    private static final long RELEASE_SECONDS = 10;
    /** Closing the worker's clients after the queues, and the kubelet's own slack. */
    private static final long MARGIN_SECONDS = 5;

    @Test
    void aDeploymentForEveryClassThatRunsInKubernetes() {
        Set<HardwareClass> expected = EnumSet.allOf(HardwareClass.class);
        expected.removeAll(OUTSIDE_KUBERNETES);
        assertEquals(expected, Manifests.workers().keySet());
    }

    @Test
    void gpuResourceNamesCoverExactlyTheGpuClasses() {
        assertEquals(Arrays.stream(HardwareClass.values()).filter(HardwareClass::gpu).collect(Collectors.toSet()),
                GPU_RESOURCE.keySet(), "HardwareClass's GPU classes against the device plugins' resources here");
    }

    @Test
    void eachRunsTheClassItIsNamedFor() {
        Manifests.workers().forEach((hardwareClass, deployment) -> {
            Container worker = theWorker(deployment);
            String pinned = Manifests.env(worker, "FARM_WORKER_CLASS")
                    .orElseGet(() -> Manifests.env(worker, "FARM_WORKER_PROFILE").orElse("probe"));
            assertEquals(hardwareClass.id(), pinned, deployment.getMetadata().getName() + " must pin its class");
        });
    }

    @Test
    void gpuResourcesExactlyOnGpuClasses() {
        Manifests.workers().forEach((hardwareClass, deployment) -> {
            Container worker = theWorker(deployment);
            Set<String> expected = hardwareClass.gpu() ? Set.of(GPU_RESOURCE.get(hardwareClass)) : Set.of();
            String name = deployment.getMetadata().getName();
            assertEquals(expected, extendedResources(worker.getResources().getLimits()), name + " limits");
            assertEquals(expected, extendedResources(worker.getResources().getRequests()), name + " requests");
        });
    }

    @Test
    void gpuClassesTolerateAndSelectTheirVendorsNodes() {
        Manifests.workers().forEach((hardwareClass, deployment) -> {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String name = deployment.getMetadata().getName();
            if (hardwareClass.gpu()) {
                String resource = GPU_RESOURCE.get(hardwareClass);
                String vendor = resource.substring(0, resource.indexOf('.'));
                assertTrue(pod.getTolerations().stream().anyMatch(t -> tolerates(t, resource)),
                        name + " must tolerate the " + resource + " NoSchedule taint");
                assertTrue(nodeLabelKeys(pod).anyMatch(key -> key.contains(vendor)), name + " must require " + vendor + " nodes");
            } else {
                assertEquals(Set.of(), pod.getTolerations().stream().map(Toleration::getKey).collect(Collectors.toSet()),
                        name + ": a CPU worker has no business on tainted GPU nodes");
            }
        });
    }

    /**
     * On SIGTERM a worker finishes its running jobs within its drain timeout and releases what is
     * left within 10 s more; the kubelet must not kill it before.
     */
    @Test
    void gracePeriodCoversTheWorkersDrainAndRelease() {
        Manifests.workers().values().forEach(deployment -> {
            String name = deployment.getMetadata().getName();
            Long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            String drain = Manifests.env(theWorker(deployment), "FARM_WORKER_DRAIN_TIMEOUT")
                    .orElseThrow(() -> new AssertionError(name + " does not set FARM_WORKER_DRAIN_TIMEOUT"));
            long needed = seconds(drain) + RELEASE_SECONDS + MARGIN_SECONDS;
            assertTrue(grace != null && grace >= needed, name + ": terminationGracePeriodSeconds " + grace
                    + " is shorter than the drain (" + drain + ") plus the release and a margin, " + needed + " s");
        });
    }

    /** A Quarkus duration as the worker reads it: a number of seconds, a number with s, m or h, or ISO-8601. */
    static long seconds(String duration) {
        Matcher simple = Pattern.compile("(\\d+)([smh]?)").matcher(duration.trim());
        if (simple.matches()) {
            long n = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "m" -> n * 60;
                case "h" -> n * 3600;
                default -> n;
            };
        }
        return Duration.parse(duration.trim()).toSeconds();
    }

    private static Container theWorker(Deployment deployment) {
        var containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), deployment.getMetadata().getName() + " runs one worker per pod");
        return containers.get(0);
    }

    /** Devices and other extended resources: domain-prefixed names, unlike cpu, memory and ephemeral-storage. */
    private static Set<String> extendedResources(Map<String, Quantity> resources) {
        return resources.keySet().stream().filter(name -> name.contains("/")).collect(Collectors.toSet());
    }

    private static boolean tolerates(Toleration toleration, String taintKey) {
        return taintKey.equals(toleration.getKey()) && "NoSchedule".equals(toleration.getEffect())
                && ("Exists".equals(toleration.getOperator()) || toleration.getValue() != null);
    }

    /** Node label keys the pod requires: its nodeSelector and its required node affinity. */
    private static Stream<String> nodeLabelKeys(PodSpec pod) {
        Stream<String> selector = pod.getNodeSelector().keySet().stream();
        if (pod.getAffinity() == null || pod.getAffinity().getNodeAffinity() == null
                || pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return selector;
        }
        Stream<String> required = pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().stream().flatMap(term -> term.getMatchExpressions().stream())
                .map(NodeSelectorRequirement::getKey);
        return Stream.concat(selector, required);
    }
}
