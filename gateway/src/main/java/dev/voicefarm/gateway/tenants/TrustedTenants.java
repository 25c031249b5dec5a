package dev.voicefarm.gateway.tenants;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The tenants whose uploads may run as code on the farm's hosts ({@link TrustedTenantsOnly}):
 * {@code farm.gateway.trusted-tenants}, a list of tenant ids, {@code prefix*} patterns or {@code *}.
 * GPT-SoVITS loads a voice's weights with {@code torch.load(..., weights_only=False)}: a crafted
 * weights file runs whatever it likes on the GPU host, so accepting a tenant's weights is trusting
 * that tenant with the host. Admin keys are always trusted; by default nobody else is.
 */
@ApplicationScoped
public class TrustedTenants {

    private final List<String> patterns;

    public TrustedTenants(@ConfigProperty(name = "farm.gateway.trusted-tenants") Optional<List<String>> patterns) {
        this.patterns = patterns.orElse(List.of()).stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    public boolean trusts(Caller caller) {
        return caller.admin() || patterns.stream().anyMatch(p -> matches(p, caller.tenant()));
    }

    static boolean matches(String pattern, String tenant) {
        return pattern.endsWith("*") ? tenant.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(tenant);
    }
}
