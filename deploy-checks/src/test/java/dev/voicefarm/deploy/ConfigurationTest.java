package dev.voicefarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The manifests' settings are the apps' documented variables, and the documented secret holds every key they use. */
class ConfigurationTest {

    @Test
    void theConfigMapSetsOnlyVariablesTheReadmeDocuments() {
        ConfigMap config = Manifests.all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(Manifests.CONFIG_MAP)).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap " + Manifests.CONFIG_MAP));
        String readme = RepoFiles.read(RepoFiles.README);
        List<String> undocumented = config.getData().keySet().stream().filter(name -> !readme.contains(name)).toList();
        assertEquals(List.of(), undocumented, "ConfigMap keys the README's Configuration does not name");
    }

    @Test
    void theDocumentedSecretCommandCreatesEveryKeyTheManifestsRead() {
        Set<String> used = new TreeSet<>();
        for (Deployment deployment : Manifests.all(Deployment.class)) {
            Manifests.containers(deployment).flatMap(c -> c.getEnv().stream())
                    .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                    .map(env -> env.getValueFrom().getSecretKeyRef().getKey()).forEach(used::add);
        }
        String deploying = RepoFiles.read(RepoFiles.DEPLOYING);
        List<String> missing = used.stream().filter(key -> !deploying.contains("--from-literal=" + key + "=")).toList();
        assertEquals(List.of(), missing, "keys docs/deploying.md's kubectl create secret leaves out");
    }
}
