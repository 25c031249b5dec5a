package dev.voicefarm.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tenants create|list}: the admin API's tenants, printed as the gateway's JSON. */
@Command(name = "tenants", description = "Creates and lists tenants (admin key). Prints the gateway's JSON.")
final class TenantsCommand {

    @ParentCommand
    private VoiceFarmCli cli;

    @Command(name = "create", description = "Creates a tenant.")
    void create(@Parameters(paramLabel = "ID", description = "1-40 lower-case letters, digits, inner hyphens") String id,
                @Parameters(paramLabel = "NAME", arity = "0..1", description = "a display name (default: the id)") String name) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", id);
        request.put("name", name == null ? id : name);
        cli.out().println(cli.admin().postJson("/v1/admin/tenants", request));
    }

    @Command(name = "list", description = "Lists every tenant, oldest first.")
    void list() {
        cli.out().println(cli.admin().get("/v1/admin/tenants"));
    }
}
