package dev.voicefarm.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code voicefarm}: the farm's API from a terminal. Exit status 0 on success, 1 on any failure
 * (printed as one line {@code voicefarm: <code>: <message>}, with the stack trace only under
 * {@code --verbose}), 2 on a command line that does not parse (with the usage).
 */
@Command(name = "voicefarm", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = VoiceFarmCli.Version.class, usageHelpAutoWidth = true,
        description = "Speaks, trains voices and manages the VoiceFarm job farm through its gateway.",
        footer = {"", "Settings, the first that is set wins:",
                "  gateway URL  --url, FARM_GATEWAY_URL, " + Settings.DEFAULT_URL,
                "  API key      --key, FARM_API_KEY, $FARM_HOME/dev-api-key",
                "               (FARM_HOME defaults to ./.farm; ./farm up writes the file)",
                "  admin key    tenants and keys: --key, FARM_GATEWAY_ADMIN_KEY",
                "Exit status: 0 done, 1 failed (the reason on stderr), 2 bad command line.", ""},
        subcommands = {SayCommand.class, TrainCommand.class, JobsCommand.class, JobCommand.class, CancelCommand.class,
                VoicesCommand.class, FleetCommand.class, TenantsCommand.class, KeysCommand.class})
public final class VoiceFarmCli {

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL", description = "the gateway, e.g. http://127.0.0.1:8080")
    String url;

    @Option(names = "--key", scope = ScopeType.INHERIT, paramLabel = "KEY", description = "the API key (vf_…)")
    String key;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print the gateway's JSON instead of tables and lines")
    boolean json;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "print stack traces of failures")
    boolean verbose;

    private final Map<String, String> env;
    private final boolean terminal;
    private final PrintWriter out;

    VoiceFarmCli(Map<String, String> env, boolean terminal, PrintWriter out) {
        this.env = env;
        this.terminal = terminal;
        this.out = out;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), System.console() != null, out, err));
    }

    /** Runs one command line; what {@link #main} does, without the process around it. */
    static int run(String[] args, Map<String, String> env, boolean terminal, PrintWriter out, PrintWriter err) {
        VoiceFarmCli cli = new VoiceFarmCli(env, terminal, out);
        CommandLine line = new CommandLine(cli).setOut(out).setErr(err)
                .setExecutionExceptionHandler((failure, failed, parsed) -> {
                    err.println(failure instanceof CliException known ? known.line() : "voicefarm: error: " + failure);
                    if (cli.verbose) {
                        failure.printStackTrace(err);
                    }
                    return 1;
                });
        int status = line.execute(args);
        err.flush();
        out.flush();
        return status;
    }

    /** The gateway with the user's key: jobs, voices, the fleet. */
    Gateway user() {
        return new Gateway(Settings.user(url, key, env));
    }

    /** The gateway with the operator's key: tenants and keys. */
    Gateway admin() {
        return new Gateway(Settings.admin(url, key, env));
    }

    PrintWriter out() {
        return out;
    }

    boolean json() {
        return json;
    }

    /** Whether standard output is a terminal, where progress is redrawn in place. */
    boolean terminal() {
        return terminal;
    }

    /** The version the jar's manifest names. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = VoiceFarmCli.class.getPackage().getImplementationVersion();
            return new String[] {"voicefarm " + (version == null ? "(development build)" : version)};
        }
    }
}
