package dev.voicefarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** deploy/k8s is what its kustomization says, and every object in it is one Kubernetes knows. */
class KustomizationTest {

    /** Kinds of custom resources, which fabric8 has no model class for. */
    private static final Set<String> CUSTOM_KINDS = Set.of("ScaledObject");

    @Test
    void listsEveryManifestFileAndOnlyExistingOnes() throws IOException {
        Set<String> present;
        try (Stream<Path> files = Files.list(RepoFiles.K8S)) {
            present = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        List<String> listed = Manifests.listedFiles();
        assertEquals(Set.copyOf(listed).size(), listed.size(), "a file listed twice: " + listed);
        assertEquals(present, new TreeSet<>(listed), "kustomization.yaml resources against the files in deploy/k8s");
    }

    @Test
    void everyDocumentParsesIntoItsTypedModel() {
        assertTrue(Manifests.all().size() > 0);
        for (Manifests.Manifest manifest : Manifests.all()) {
            assertTrue(manifest.object() instanceof HasMetadata, manifest.file() + ": not an object with metadata");
            HasMetadata object = (HasMetadata) manifest.object();
            boolean custom = CUSTOM_KINDS.contains(object.getKind());
            assertEquals(custom, object instanceof GenericKubernetesResource,
                    manifest.file() + ": " + object.getKind() + " read as " + object.getClass().getSimpleName());
            assertTrue(object.getMetadata() != null && object.getMetadata().getName() != null,
                    manifest.file() + ": " + object.getKind() + " without a name");
            assertEquals(null, object.getMetadata().getNamespace(), manifest.file() + ": the namespace is the applier's choice");
        }
    }

    /** A misspelt field (readinesProbe) would be kept aside by the model and silently ignored by Kubernetes. */
    @Test
    void everyFieldIsOneTheModelKnows() {
        List<String> unknown = new ArrayList<>();
        for (Manifests.Manifest manifest : Manifests.all()) {
            if (!(manifest.object() instanceof GenericKubernetesResource)) {
                collectUnknownFields(manifest.object(), manifest.file() + ":", unknown);
            }
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void holdsNoSecretObjects() {
        List<String> secrets = Manifests.all().stream().map(m -> (HasMetadata) m.object())
                .filter(o -> o.getKind().equals("Secret")).map(o -> o.getMetadata().getName()).toList();
        assertEquals(List.of(), secrets, "secrets are created in the cluster (docs/deploying.md), never kept here");
    }

    /** Walks the model's getters; every model class keeps the fields it does not know in additionalProperties. */
    private static void collectUnknownFields(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + index++ + "]", unknown);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> collectUnknownFields(item, path + "." + key, unknown));
        } else if (value instanceof KubernetesResource) {
            for (Method getter : value.getClass().getMethods()) {
                if (getter.getName().startsWith("get") && getter.getParameterCount() == 0
                        && !Modifier.isStatic(getter.getModifiers()) && getter.getDeclaringClass() != Object.class) {
                    Object field = invoke(getter, value);
                    if (getter.getName().equals("getAdditionalProperties")) {
                        ((Map<?, ?>) field).keySet().forEach(key -> unknown.add(path + "." + key));
                    } else {
                        collectUnknownFields(field, path + "." + getter.getName().substring(3), unknown);
                    }
                }
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(getter.toString(), e);
        }
    }
}
