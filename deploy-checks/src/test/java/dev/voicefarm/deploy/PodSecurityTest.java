package dev.voicefarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every pod runs as the images' own unprivileged user, with nothing to escalate to and a read-only
 * root file system whose one writable place is a size-limited {@code /tmp}.
 */
class PodSecurityTest {

    @Test
    void podsRunAsTheImagesUserNeverRoot() {
        long imageUser = Dockerfiles.user();
        for (Deployment deployment : Manifests.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            PodSecurityContext pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
            assertNotNull(pod, name + " has no pod securityContext");
            assertEquals(Boolean.TRUE, pod.getRunAsNonRoot(), name + " runAsNonRoot");
            assertEquals(imageUser, pod.getRunAsUser(), name + ": runAsUser is not the images' USER");
            assertEquals("RuntimeDefault", pod.getSeccompProfile() == null ? null : pod.getSeccompProfile().getType(),
                    name + " seccompProfile");
        }
    }

    @Test
    void containersGainNothingAndWriteOnlyToTmp() {
        for (Deployment deployment : Manifests.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            for (Container container : pod.getContainers()) {
                String where = deployment.getMetadata().getName() + "/" + container.getName();
                SecurityContext security = container.getSecurityContext();
                assertNotNull(security, where + " has no securityContext");
                assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), where + " allowPrivilegeEscalation");
                assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), where + " readOnlyRootFilesystem");
                assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), where + " capabilities.drop");
                assertTrue(security.getCapabilities().getAdd() == null || security.getCapabilities().getAdd().isEmpty(),
                        where + " adds capabilities");
                VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                        .findFirst().orElseThrow(() -> new AssertionError(where + " has no writable /tmp"));
                Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst()
                        .orElseThrow(() -> new AssertionError(where + ": no volume " + tmp.getName()));
                assertNotNull(volume.getEmptyDir(), where + ": /tmp is not an emptyDir");
                assertNotNull(volume.getEmptyDir().getSizeLimit(), where + ": /tmp has no sizeLimit");
            }
        }
    }

    /** The GPT-SoVITS weight cache is bounded below the volume it is on, so a full cache never evicts the pod. */
    @Test
    void theWeightCacheFitsItsVolume() {
        Manifests.workers().values().forEach(deployment -> {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container worker = pod.getContainers().get(0);
            String dir = Manifests.env(worker, "FARM_WORKER_GPT_SOVITS_CACHE_DIR")
                    .orElseThrow(() -> new AssertionError(name + ": no FARM_WORKER_GPT_SOVITS_CACHE_DIR (the default is /tmp)"));
            long maxMb = Long.parseLong(Manifests.env(worker, "FARM_WORKER_GPT_SOVITS_CACHE_MAX_MB")
                    .orElseThrow(() -> new AssertionError(name + ": no FARM_WORKER_GPT_SOVITS_CACHE_MAX_MB")));
            VolumeMount mount = worker.getVolumeMounts().stream().filter(m -> dir.startsWith(m.getMountPath() + "/"))
                    .filter(m -> !m.getMountPath().equals("/tmp")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + ": " + dir + " is on no volume of its own"));
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            long limitMb = Quantity.getAmountInBytes(volume.getEmptyDir().getSizeLimit()).longValue() / (1024 * 1024);
            assertTrue(maxMb < limitMb, name + ": a cache of " + maxMb + " MB on a volume of " + limitMb + " MB");
        });
    }
}
