package dev.voicefarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every pod of the farm is under exactly one ingress policy, which opens exactly its own port: to
 * everyone for the gateway, and only to Prometheus' namespace for the scheduler and the workers.
 */
class NetworkPolicyTest {

    private static final String GATEWAY = "voicefarm-gateway";

    @Test
    void everyPodIsUnderOnePolicyThatOpensItsOwnPort() {
        List<NetworkPolicy> policies = Manifests.all(NetworkPolicy.class);
        for (Deployment deployment : Manifests.all(Deployment.class)) {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            String name = deployment.getMetadata().getName();
            List<NetworkPolicy> selecting = policies.stream()
                    .filter(p -> selects(p.getSpec().getPodSelector(), labels)).toList();
            assertEquals(1, selecting.size(), name + " is under " + selecting.size() + " policies");
            NetworkPolicy policy = selecting.get(0);
            assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes(), policy.getMetadata().getName());
            int port = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getContainerPort();
            Set<Integer> opened = policy.getSpec().getIngress().stream().flatMap(rule -> rule.getPorts().stream())
                    .map(NetworkPolicyPort::getPort).map(p -> p.getIntVal()).collect(Collectors.toSet());
            assertTrue(opened.contains(port), name + "'s port " + port + " is not opened by " + policy.getMetadata().getName());
            boolean fromAnywhere = policy.getSpec().getIngress().stream().anyMatch(rule -> rule.getFrom().isEmpty());
            assertEquals(name.equals(GATEWAY), fromAnywhere,
                    name + (fromAnywhere ? " is open to every peer" : " is not reachable by its clients"));
        }
    }

    @Test
    void internalPodsAdmitOnlyPrometheusNamespace() {
        for (NetworkPolicy policy : Manifests.all(NetworkPolicy.class)) {
            policy.getSpec().getIngress().stream().flatMap(rule -> rule.getFrom().stream()).forEach(peer ->
                    assertEquals(Map.of("kubernetes.io/metadata.name", "monitoring"), namespaceLabels(peer),
                            policy.getMetadata().getName() + " admits " + peer));
        }
    }

    private static Map<String, String> namespaceLabels(NetworkPolicyPeer peer) {
        return peer.getNamespaceSelector() == null || peer.getPodSelector() != null || peer.getIpBlock() != null
                ? Map.of() : peer.getNamespaceSelector().getMatchLabels();
    }

    /** Kubernetes' label selector semantics, for the operators the manifests use. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null && !selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions() == null
                ? List.<LabelSelectorRequirement>of() : selector.getMatchExpressions()) {
            String value = labels.get(requirement.getKey());
            boolean matches = switch (requirement.getOperator()) {
                case "In" -> value != null && requirement.getValues().contains(value);
                case "NotIn" -> value == null || !requirement.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + requirement.getOperator());
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }
}
