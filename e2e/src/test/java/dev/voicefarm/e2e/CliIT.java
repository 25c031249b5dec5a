package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicefarm.common.testing.Ffmpeg;
import dev.voicefarm.common.testing.LocalStack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line client ({@code cli/target/voicefarm-cli.jar}, built by {@code ./farm test}'s
 * {@code mvn install}) run as a person runs it, as a process against the test stack: what it prints,
 * what it saves and its exit status.
 */
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB_ID = Pattern.compile("job ([0-9a-f-]{36})");
    private static final Pattern VOICE_ID = Pattern.compile("voice ([0-9a-f-]{36})\\s*$");

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
        String both() {
            return out + err;
        }
    }

    @Test
    void saysAndThenFindsShowsAndCannotCancelTheJob() throws Exception {
        Path mp3 = dir.resolve("a.mp3");
        Run said = cli("say", "Hello from the CLI.", "--format", "mp3", "-o", mp3.toString());
        assertEquals(0, said.exit(), said.both());
        assertTrue(Ffmpeg.decode(Files.readAllBytes(mp3), 22_050).durationSeconds() > 0.5, "the mp3 decodes to speech");
        Matcher job = JOB_ID.matcher(said.out());
        assertTrue(job.find(), said.out());
        String jobId = job.group(1);

        Run listed = cli("jobs", "--limit", "50");
        assertEquals(0, listed.exit(), listed.both());
        assertTrue(listed.out().startsWith("ID ") && listed.out().contains(jobId), listed.out());

        Run shown = cli("job", jobId);
        assertEquals(0, shown.exit(), shown.both());
        assertEquals("SUCCEEDED", JSON.readTree(shown.out()).path("status").asText());

        Run cancelled = cli("cancel", jobId);
        assertNotEquals(0, cancelled.exit());
        assertTrue(cancelled.err().startsWith("voicefarm: already_finished: "), cancelled.both());
    }

    @Test
    void aBadKeyAndAnUnreachableGatewayAreOneClearLineAndExitOne() throws Exception {
        Run badKey = cli("--key", "vf_aaaaaaaaaaaa_" + "b".repeat(43), "voices");
        assertEquals(1, badKey.exit(), badKey.both());
        assertTrue(badKey.err().startsWith("voicefarm: invalid_api_key: "), badKey.both());

        Run unreachable = cli("--url", "http://127.0.0.1:1", "voices");
        assertEquals(1, unreachable.exit(), unreachable.both());
        assertTrue(unreachable.err().startsWith("voicefarm: unreachable: cannot reach http://127.0.0.1:1"), unreachable.both());
        assertTrue(!unreachable.err().contains("Exception"), "no stack trace: " + unreachable.err());
    }

    @Test
    void voicesAndFleetAreTables() throws Exception {
        Run voices = cli("voices");
        assertEquals(0, voices.exit(), voices.both());
        assertTrue(voices.out().startsWith("ID  "), voices.out());
        Run fleet = cli("fleet");
        assertEquals(0, fleet.exit(), fleet.both());
        assertTrue(fleet.out().startsWith("CLASS ") && fleet.out().contains("\ncpu "), fleet.out());
        Run adminFleet = cli(Map.of("FARM_API_KEY", LocalStack.adminKey()), "fleet");
        assertTrue(adminFleet.out().contains("WORKER "), "admins see the workers: " + adminFleet.out());
    }

    @Test
    void trainingOnATerminalRedrawsItsProgressBarAndEndsWithTheVoice() throws Exception {
        Path dataset = unzip(GeneratedDataset.make(dir), dir.resolve("speaker"));
        // script(1) gives the client a pseudo-terminal, as a person's shell would: System.console() is there.
        String command = command("train", dataset.toString(), "--name", "CLI narrator", "--epochs", "3", "--wait")
                .stream().map(CliIT::quoted).collect(Collectors.joining(" "));
        Run trained = run(List.of("script", "-qfec", command, "/dev/null"), Map.of());
        assertEquals(0, trained.exit(), trained.both());
        assertTrue(Pattern.compile("\r\\[[#-]+\\] +\\d+%  epoch \\d/3").matcher(trained.out()).find(),
                "a bar redrawn in place: " + trained.out());
        Matcher voice = VOICE_ID.matcher(trained.out());
        assertTrue(voice.find(), trained.out());
        assertTrue(cli("voices").out().contains(voice.group(1)));
    }

    @Test
    void anOperatorIssuesAKeyThatWorksUntilItIsRevoked() throws Exception {
        String tenant = "cli-it-" + UUID.randomUUID().toString().substring(0, 8);
        Run created = cli("tenants", "create", tenant);
        assertEquals(0, created.exit(), created.both());

        Run issued = cli("keys", "create", tenant, "--name", "cli-it");
        assertEquals(0, issued.exit(), issued.both());
        JsonNode key = JSON.readTree(issued.out());
        String keyId = key.path("apiKey").path("id").asText();
        Run listed = cli("keys", "list", tenant);
        assertEquals(keyId, JSON.readTree(listed.out()).path("keys").get(0).path("id").asText());

        Run jobs = cli("--key", key.path("key").asText(), "jobs");
        assertEquals(0, jobs.exit(), "the new key works: " + jobs.both());
        assertEquals(0, cli("keys", "revoke", keyId).exit());
        Run revoked = cli("--key", key.path("key").asText(), "jobs");
        assertEquals(1, revoked.exit(), revoked.both());
        assertTrue(revoked.err().contains("invalid_api_key"), revoked.both());
    }

    private Run cli(String... args) throws Exception {
        return cli(Map.of(), args);
    }

    /** The client with the test stack's settings, {@code env} over them. */
    private Run cli(Map<String, String> env, String... args) throws Exception {
        return run(command(args), env);
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", LocalStack.repo().resolve("cli/target/voicefarm-cli.jar").toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Run run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("FARM_GATEWAY_URL", LocalStack.gatewayUrl());
        builder.environment().put("FARM_API_KEY", LocalStack.apiKey());
        builder.environment().put("FARM_GATEWAY_ADMIN_KEY", LocalStack.adminKey());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> text(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(process.getErrorStream()));
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 5 minutes: " + command);
        }
        return new Run(process.exitValue(), out.get(), err.get());
    }

    private static String text(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The dataset as a directory, the way a person has it before zipping. */
    private static Path unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("entry outside the dataset: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(in, file);
                }
            }
        }
        return target;
    }
}
