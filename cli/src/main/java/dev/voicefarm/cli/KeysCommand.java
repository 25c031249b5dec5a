package dev.voicefarm.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys create|list|revoke|rotate}: a tenant's API keys through the admin API, printed as the
 * gateway's JSON. {@code create} takes the role and name as options or, as {@code ./farm keys create
 * <tenant> [user|admin] [name]} always has, as positional words.
 */
@Command(name = "keys", description = "Issues, lists, revokes and rotates API keys (admin key). Prints the gateway's JSON.")
final class KeysCommand {

    enum Role { user, admin }

    /** What ./farm named the keys it made when no name was given. */
    static final String DEFAULT_NAME = "cli";

    @ParentCommand
    private VoiceFarmCli cli;

    @Spec
    private CommandSpec spec;

    @Command(name = "create", description = {"Issues a key of the tenant; its secret is in this answer only.",
            "Role and name may also follow the tenant as words: keys create acme admin ops."})
    void create(@Parameters(index = "0", paramLabel = "TENANT") String tenant,
                @Parameters(index = "1", arity = "0..1", paramLabel = "ROLE", description = "user or admin") Role roleWord,
                @Parameters(index = "2", arity = "0..1", paramLabel = "NAME") String nameWord,
                @Option(names = "--role", paramLabel = "ROLE", description = "${COMPLETION-CANDIDATES} (default: user)") Role role,
                @Option(names = "--name", paramLabel = "NAME", description = "what the key is for (default: " + DEFAULT_NAME + ")") String name) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("role", once("role", role, roleWord, Role.user).name());
        request.put("name", once("name", name, nameWord, DEFAULT_NAME));
        cli.out().println(cli.admin().postJson("/v1/admin/tenants/" + Gateway.encode(tenant) + "/keys", request));
    }

    @Command(name = "list", description = "Lists the tenant's keys, revoked ones too, never a secret.")
    void list(@Parameters(paramLabel = "TENANT") String tenant) {
        cli.out().println(cli.admin().get("/v1/admin/tenants/" + Gateway.encode(tenant) + "/keys"));
    }

    @Command(name = "revoke", description = "Revokes a key: it fails from the next request on.")
    void revoke(@Parameters(paramLabel = "KEY_ID") String keyId) {
        cli.out().println(cli.admin().delete("/v1/admin/keys/" + Gateway.encode(keyId)));
    }

    @Command(name = "rotate", description = "Issues a new key with the same tenant, role and name; revokes the old one now.")
    void rotate(@Parameters(paramLabel = "KEY_ID") String keyId) {
        cli.out().println(cli.admin().post("/v1/admin/keys/" + Gateway.encode(keyId) + "/rotate"));
    }

    /** The value given as an option or as a word, not both. */
    private <T> T once(String what, T option, T word, T otherwise) {
        if (option != null && word != null) {
            throw new ParameterException(spec.commandLine().getSubcommands().get("create"), "the " + what + " is given twice: as --" + what + " and as a word");
        }
        return option != null ? option : word != null ? word : otherwise;
    }
}
