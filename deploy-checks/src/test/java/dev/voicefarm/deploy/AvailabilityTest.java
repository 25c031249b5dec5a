package dev.voicefarm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How many of each app run, and what a rollout or a node drain may take away. */
class AvailabilityTest {

    @Test
    void theGatewayRunsTwiceAndADrainLeavesOne() {
        Deployment gateway = Manifests.deployment("voicefarm-gateway");
        assertTrue(gateway.getSpec().getReplicas() >= 2, "gateway replicas " + gateway.getSpec().getReplicas());
        List<PodDisruptionBudget> budgets = budgetsOf(gateway);
        assertEquals(1, budgets.size(), "PodDisruptionBudgets of the gateway");
        assertTrue(budgets.get(0).getSpec().getMinAvailable().getIntVal() >= 1, "the gateway's budget keeps one");
    }

    /** Two schedulers would split the heartbeats between them and overwrite each other's routing table. */
    @Test
    void theSchedulerRunsAloneAndIsReplacedNotRolled() {
        Deployment scheduler = Manifests.deployment("voicefarm-scheduler");
        assertEquals(1, scheduler.getSpec().getReplicas());
        assertEquals("Recreate", scheduler.getSpec().getStrategy().getType());
        assertEquals(1, budgetsOf(scheduler).size(), "PodDisruptionBudgets of the scheduler");
    }

    @Test
    void everyBudgetSelectsADeployment() {
        for (PodDisruptionBudget budget : Manifests.all(PodDisruptionBudget.class)) {
            assertTrue(Manifests.all(Deployment.class).stream().anyMatch(d -> selects(budget, d)),
                    "PodDisruptionBudget " + budget.getMetadata().getName() + " selects no Deployment's pods");
        }
    }

    private static List<PodDisruptionBudget> budgetsOf(Deployment deployment) {
        return Manifests.all(PodDisruptionBudget.class).stream().filter(b -> selects(b, deployment)).toList();
    }

    private static boolean selects(PodDisruptionBudget budget, Deployment deployment) {
        Map<String, String> wanted = budget.getSpec().getSelector().getMatchLabels();
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        return !wanted.isEmpty() && labels.entrySet().containsAll(wanted.entrySet());
    }
}
