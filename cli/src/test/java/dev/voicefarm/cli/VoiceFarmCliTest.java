package dev.voicefarm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.cli.FakeGateway.Answer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole command lines against a fake gateway: what is sent, what is printed, the exit status. */
class VoiceFarmCliTest {

    private static final String JOB = "11111111-2222-3333-4444-555555555555";

    @TempDir
    Path dir;

    private final FakeGateway gateway = new FakeGateway();

    VoiceFarmCliTest() throws Exception {
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(boolean terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = Map.of("FARM_GATEWAY_URL", gateway.url(), "FARM_API_KEY", "vf_user",
                "FARM_GATEWAY_ADMIN_KEY", "vf_root", "FARM_HOME", dir.toString());
        int exit = VoiceFarmCli.run(args, env, terminal, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(false, args);
    }

    /** A route that answers each item in turn, the last one from then on. */
    private static FakeGateway.Route inTurn(Answer... answers) {
        AtomicInteger next = new AtomicInteger();
        return request -> answers[Math.min(next.getAndIncrement(), answers.length - 1)];
    }

    @Test
    void aGatewayErrorIsOneLineWithItsCodeAndExitStatusOne() {
        gateway.on("GET /v1/voices", Answer.json(401, "{\"error\":\"invalid_api_key\",\"message\":\"the API key is not valid\"}"));
        Run run = run("voices");
        assertEquals(1, run.exit());
        assertEquals("voicefarm: invalid_api_key: the API key is not valid" + System.lineSeparator(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void verboseAddsTheStackTrace() {
        gateway.on("GET /v1/voices", Answer.json(401, "{\"error\":\"invalid_api_key\",\"message\":\"no\"}"));
        assertTrue(run("--verbose", "voices").err().contains("at dev.voicefarm.cli.Gateway"));
    }

    @Test
    void anUnreachableGatewayIsNamed() {
        gateway.close();
        Run run = run("jobs");
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("voicefarm: unreachable: cannot reach " + gateway.url()), run.err());
        assertFalse(run.err().contains("Exception"), "no stack trace without --verbose: " + run.err());
    }

    @Test
    void aBadCommandLineExitsTwoWithTheUsage() {
        Run missing = run("say");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("Missing required parameter: 'TEXT'") && missing.err().contains("Usage: voicefarm say"),
                missing.err());
        Run format = run("say", "hi", "--format", "ogg");
        assertEquals(2, format.exit());
        assertTrue(format.err().contains("wav, mp3, flac, opus, aac, pcm"), format.err());
        assertEquals(2, run("say", "hi", "--timeout", "soon").exit());
        assertEquals(2, run("frobnicate").exit());
        assertTrue(gateway.requests.isEmpty());
    }

    @Test
    void saySubmitsWaitsAndSavesTheAudioFromStorageWithoutTheKey() throws Exception {
        byte[] audio = {'I', 'D', '3', 1, 2, 3};
        gateway.on("POST /v1/synthesis", Answer.json(202, "{\"id\":\"" + JOB + "\",\"status\":\"QUEUED\"}"))
                .on("GET /v1/jobs/" + JOB, inTurn(Answer.json(200, "{\"id\":\"" + JOB + "\",\"status\":\"QUEUED\"}"),
                        Answer.json(200, "{\"id\":\"" + JOB + "\",\"status\":\"SUCCEEDED\",\"result\":{\"durationSeconds\":1.66}}")))
                .on("GET /v1/jobs/" + JOB + "/audio", new Answer(303, Map.of("Location", "/bucket/audio.mp3?X-Amz-Signature=s"), new byte[0]))
                .on("GET /bucket/audio.mp3?X-Amz-Signature=s", new Answer(200, Map.of(), audio));
        Path file = dir.resolve("hello.mp3");
        Run run = run("say", "Hello there.", "--format", "mp3", "--voice", "v1", "-o", file.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(file + "  1.66 s  job " + JOB + System.lineSeparator(), run.out());
        assertArrayEquals(audio, Files.readAllBytes(file));
        FakeGateway.Request submitted = gateway.requests.get(0);
        assertEquals("Bearer vf_user", submitted.authorization());
        assertEquals("application/json", submitted.contentType());
        assertEquals("{\"text\":\"Hello there.\",\"responseFormat\":\"mp3\",\"voice\":\"v1\"}", submitted.text());
        FakeGateway.Request storage = gateway.requests.get(gateway.requests.size() - 1);
        assertNull(storage.authorization(), "a presigned URL gets no API key");
    }

    @Test
    void aFailedJobExitsOneWithItsReason() {
        gateway.on("POST /v1/synthesis", Answer.json(202, "{\"id\":\"" + JOB + "\",\"status\":\"QUEUED\"}"))
                .on("GET /v1/jobs/" + JOB, Answer.json(200, "{\"id\":\"" + JOB + "\",\"status\":\"FAILED\",\"reason\":\"no sound\"}"));
        Run run = run("say", "...");
        assertEquals(1, run.exit());
        assertEquals("voicefarm: job_failed: job " + JOB + " FAILED: no sound" + System.lineSeparator(), run.err());
    }

    @Test
    void aJobStillRunningAtTheTimeoutIsATimeout() {
        gateway.on("POST /v1/synthesis", Answer.json(202, "{\"id\":\"" + JOB + "\",\"status\":\"QUEUED\"}"))
                .on("GET /v1/jobs/" + JOB, Answer.json(200, "{\"id\":\"" + JOB + "\",\"status\":\"RUNNING\"}"));
        Run run = run("say", "Hi.", "--timeout", "600ms");
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("voicefarm: timeout: job " + JOB + " is still RUNNING"), run.err());
    }

    @Test
    void trainZipsTheDirectoryFollowsTheEventsAndEndsWithTheVoice() throws Exception {
        Path dataset = Files.createDirectories(dir.resolve("speaker/wavs"));
        Files.writeString(dataset.resolveSibling("metadata.csv"), "a|Hello.\n");
        Files.write(dataset.resolve("a.wav"), new byte[] {1, 2, 3});
        StringBuilder events = new StringBuilder("id: 0\nevent: status\ndata: {\"status\":\"QUEUED\"}\n\n: keep-alive\n\n");
        for (int epoch = 1; epoch <= 4; epoch++) {
            events.append("id: ").append(epoch).append("\nevent: progress\ndata: {\"status\":\"RUNNING\",\"progress\":{\"epoch\":")
                    .append(epoch).append(",\"epochs\":4,\"loss\":0.5},\"percent\":").append(25.0 * epoch).append("}\n\n");
        }
        events.append("id: 5\nevent: status\ndata: {\"status\":\"SUCCEEDED\"}\n\n");
        gateway.on("POST /v1/datasets", Answer.json(201, "{\"id\":\"d1\",\"clips\":1,\"totalSeconds\":1.5}"))
                .on("POST /v1/trainings", Answer.json(202, "{\"id\":\"" + JOB + "\",\"status\":\"QUEUED\"}"))
                .on("GET /v1/jobs/" + JOB + "/events", new Answer(200, Map.of("Content-Type", "text/event-stream"),
                        events.toString().getBytes(StandardCharsets.UTF_8)))
                .on("GET /v1/jobs/" + JOB, Answer.json(200, "{\"id\":\"" + JOB + "\",\"status\":\"SUCCEEDED\","
                        + "\"result\":{\"voice\":{\"id\":\"" + JOB + "\"}}}"));
        Run run = run(true, "train", dir.resolve("speaker").toString(), "--name", "Narrator", "--epochs", "4", "--wait");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\r" + new TrainingProgress(50, 2, 4, 0.5).line()), run.out());
        assertTrue(run.out().endsWith("voice " + JOB + System.lineSeparator()), run.out());

        FakeGateway.Request upload = gateway.requests.get(0);
        assertEquals("application/zip", upload.contentType());
        assertEquals(List.of("metadata.csv", "wavs/a.wav"), entries(upload.body()));
        assertEquals("{\"datasetId\":\"d1\",\"name\":\"Narrator\",\"epochs\":4}", gateway.requests.get(1).text());
    }

    @Test
    void trainRefusesAFileThatIsNoZip() throws Exception {
        Path notZip = Files.writeString(dir.resolve("data.csv"), "a|b");
        Run run = run("train", notZip.toString(), "--name", "N");
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("voicefarm: invalid_dataset: "), run.err());
    }

    @Test
    void jobsIsATableWithTheDetailThatMatters() {
        gateway.on("GET /v1/jobs?limit=5&status=FAILED", Answer.json(200, "{\"jobs\":["
                + "{\"id\":\"j2\",\"kind\":\"synthesis\",\"status\":\"FAILED\",\"hardwareClass\":\"cpu\","
                + "\"createdAt\":\"2026-12-02T01:02:03.456Z\",\"reason\":\"no sound\"},"
                + "{\"id\":\"j1\",\"kind\":\"synthesis\",\"status\":\"SUCCEEDED\",\"hardwareClass\":\"nvidia\","
                + "\"createdAt\":\"2026-12-02T01:00:00Z\",\"result\":{\"durationSeconds\":1.5}}]}"));
        Run run = run("jobs", "--status", "failed", "--limit", "5");
        assertEquals(0, run.exit(), run.err());
        assertEquals("""
                ID  KIND       STATUS     CLASS   CREATED               DETAIL
                j2  synthesis  FAILED     cpu     2026-12-02T01:02:03Z  no sound
                j1  synthesis  SUCCEEDED  nvidia  2026-12-02T01:00:00Z  1.50 s of audio
                """, run.out());
    }

    @Test
    void cancellingAFinishedJobExitsOneNamingAlreadyFinished() {
        gateway.on("DELETE /v1/jobs/" + JOB, Answer.json(409,
                "{\"error\":\"already_finished\",\"message\":\"job " + JOB + " has already finished: SUCCEEDED\"}"));
        Run run = run("cancel", JOB);
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("voicefarm: already_finished: "), run.err());
    }

    @Test
    void fleetShowsClassesAndForAdminsTheWorkers() {
        gateway.on("GET /v1/fleet", Answer.json(200, "{\"routingTableAt\":\"2026-12-02T01:00:00Z\",\"classes\":["
                + "{\"hardwareClass\":\"cpu\",\"liveWorkers\":1,\"totalSlots\":2,\"freeSlots\":1,\"backlog\":0,\"estimatedWaitSeconds\":0.0},"
                + "{\"hardwareClass\":\"amd\",\"liveWorkers\":0,\"totalSlots\":0,\"freeSlots\":0,\"backlog\":3,\"estimatedWaitSeconds\":null}],"
                + "\"workers\":[{\"workerId\":\"w-1\",\"hardwareClass\":\"cpu\",\"device\":\"x86\",\"runningJobs\":1,\"freeSlots\":1,\"simulated\":false}]}"));
        Run run = run("fleet");
        assertEquals(0, run.exit(), run.err());
        assertEquals("""
                CLASS  LIVE  FREE/TOTAL SLOTS  BACKLOG  EST. WAIT
                cpu    1     1/2               0        0.0 s
                amd    0     0/0               3        -

                WORKER  CLASS  DEVICE  RUNNING  FREE SLOTS  SIMULATED
                w-1     cpu    x86     1        1           no
                """, run.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void keysCreateTakesRoleAndNameAsWordsAsFarmAlwaysDidWithTheAdminKey() {
        String created = "{\"apiKey\":{\"id\":\"k1\"},\"key\":\"vf_new\"}";
        gateway.on("POST /v1/admin/tenants/acme/keys", Answer.json(201, created));
        Run run = run("keys", "create", "acme", "admin", "ops");
        assertEquals(0, run.exit(), run.err());
        assertEquals(created + System.lineSeparator(), run.out(), "the gateway's JSON as it came");
        assertEquals("{\"role\":\"admin\",\"name\":\"ops\"}", gateway.requests.get(0).text());
        assertEquals("Bearer vf_root", gateway.requests.get(0).authorization());

        assertEquals(0, run("keys", "create", "acme", "--name", "laptop").exit());
        assertEquals("{\"role\":\"user\",\"name\":\"laptop\"}", gateway.requests.get(1).text());
        Run twice = run("keys", "create", "acme", "admin", "--role", "user");
        assertEquals(2, twice.exit());
        assertTrue(twice.err().contains("the role is given twice") && twice.err().contains("Usage: voicefarm keys create"), twice.err());
    }

    @Test
    void tenantsCreateNamesTheTenantByItsIdUnlessNamed() {
        gateway.on("POST /v1/admin/tenants", Answer.json(201, "{\"id\":\"acme\"}"));
        assertEquals(0, run("tenants", "create", "acme").exit());
        assertEquals(0, run("tenants", "create", "acme", "Team \"A\"").exit());
        assertEquals("{\"id\":\"acme\",\"name\":\"acme\"}", gateway.requests.get(0).text());
        assertEquals("{\"id\":\"acme\",\"name\":\"Team \\\"A\\\"\"}", gateway.requests.get(1).text());
    }

    private static List<String> entries(byte[] zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
