package dev.voicefarm.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.common.fleet.HardwareClass;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * deploy/k8s as {@code kubectl apply -k} reads it: the files its kustomization lists, each YAML
 * document parsed by fabric8's deserializer into the model class of its kind (a kind without one,
 * like KEDA's ScaledObject, becomes a {@link GenericKubernetesResource}).
 */
final class Manifests {

    static final String CONFIG_MAP = "voicefarm-config";
    static final String SECRET = "voicefarm-secrets";
    static final String WORKER_PREFIX = "voicefarm-worker-";

    /** One document of one listed file. */
    record Manifest(String file, KubernetesResource object) {
    }

    private Manifests() {
    }

    /** The kustomization's {@code resources}, as written. */
    static List<String> listedFiles() {
        JsonNode kustomization = RepoFiles.yamlDocuments(RepoFiles.K8S.resolve("kustomization.yaml")).get(0);
        List<String> files = new ArrayList<>();
        kustomization.path("resources").forEach(file -> files.add(file.asText()));
        return files;
    }

    static List<Manifest> all() {
        return Loaded.ALL;
    }

    static <T extends HasMetadata> List<T> all(Class<T> type) {
        return all().stream().map(Manifest::object).filter(type::isInstance).map(type::cast).toList();
    }

    static Deployment deployment(String name) {
        return all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    /** The worker Deployments by the class their name says ({@code voicefarm-worker-<class id>}). */
    static Map<HardwareClass, Deployment> workers() {
        Map<HardwareClass, Deployment> workers = new TreeMap<>();
        for (Deployment deployment : all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            if (name.startsWith(WORKER_PREFIX)) {
                String id = name.substring(WORKER_PREFIX.length());
                workers.put(HardwareClass.fromId(id).orElseThrow(() -> new AssertionError(name + ": no hardware class " + id)),
                        deployment);
            }
        }
        return workers;
    }

    /** KEDA's ScaledObjects as trees, for reading their spec by path. */
    static List<JsonNode> scaledObjects() {
        return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals("ScaledObject"))
                .map(r -> (JsonNode) RepoFiles.JSON.valueToTree(r)).toList();
    }

    static Stream<Container> containers(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream();
    }

    static Optional<String> env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().map(e -> e.getValue());
    }

    /** Parsed at first use, so that a kustomization naming a missing file fails its own test first. */
    private static final class Loaded {
        static final List<Manifest> ALL = load();
    }

    private static List<Manifest> load() {
        List<Manifest> manifests = new ArrayList<>();
        for (String file : listedFiles()) {
            for (JsonNode document : RepoFiles.yamlDocuments(RepoFiles.K8S.resolve(file))) {
                try {
                    manifests.add(new Manifest(file, RepoFiles.JSON.treeToValue(document, KubernetesResource.class)));
                } catch (JsonProcessingException e) {
                    throw new AssertionError(file + ": not a Kubernetes object: " + e.getOriginalMessage(), e);
                }
            }
        }
        return manifests;
    }
}
