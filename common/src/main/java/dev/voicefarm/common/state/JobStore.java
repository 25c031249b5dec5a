package dev.voicefarm.common.state;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.fleet.VramTiers;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobResult;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.jobs.JobTransition;
import dev.voicefarm.common.jobs.Progress;
import dev.voicefarm.common.json.Json;
import dev.voicefarm.common.kafka.Topics;
import dev.voicefarm.common.voices.VoiceFamily;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Job state in Redis: one hash per job under {@code farm:job:<id>}, per hardware class, tier and
 * family the set of jobs waiting for it under {@code farm:backlog:<class>[:vram<tier>][:<family>]}, the set of running jobs under
 * {@code farm:running}, and per tenant the set of its unfinished jobs under {@code farm:active:<tenant>}. {@link #apply} folds one event into the hash in a single Lua script, so
 * concurrent writers (the scheduler, the gateway) cannot interleave, a late or duplicate event can
 * never move a job backwards, and a stale attempt can never put its outcome over a newer one's.
 * The script's tables are generated from {@link JobStatus#next()} and {@link JobStatus#fence()}:
 * the one transition table. A finished job's hash expires after the retention.
 *
 * <p>Every applied change is appended to the job's change log ({@link #changes}). A job's log always
 * starts with QUEUED at its creation: a job exists only once Kafka acknowledged it, and when a worker's
 * event reaches Redis before the gateway's QUEUED write (which then is rejected as a step back), the
 * script logs the acceptance first.
 *
 * <p>A job with a webhook (the gateway writes {@link #webhookKey} before it publishes the job) is
 * put on the sorted set {@value #WEBHOOKS_DUE_KEY} by the same script that finishes it, scored by
 * when it finished (epoch milliseconds): whichever process applies the outcome, and whatever
 * restarts afterwards, the delivery is owed and the gateway's dispatcher finds it there.
 *
 * <p>Thread-safe as long as the given client is (Jedis' pooled clients are).
 */
public final class JobStore {

    static final String KEY_PREFIX = "farm:job:";
    static final String RUNNING_KEY = "farm:running";
    /** Jobs whose webhook is owed, scored by when it is due (epoch milliseconds). */
    public static final String WEBHOOKS_DUE_KEY = "farm:webhooks:due";
    /** How long a finished job's record is kept unless told otherwise. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    private static final String APPLY_SCRIPT = """
            local function append(entry)
              redis.call('RPUSH', KEYS[5], cjson.encode(entry))
              redis.call('EXPIRE', KEYS[5], tonumber(ARGV[13]))
            end
            local function log(status, at, attempt)
              local entry = {status = status, at = at, attempt = attempt}
              if ARGV[9] ~= '' then entry.reason = ARGV[9] end
              if ARGV[12] ~= '' then entry.progress = ARGV[12] end
              append(entry)
            end
            local key = KEYS[1]
            local status, at, attempt = ARGV[1], ARGV[2], tonumber(ARGV[3])
            local identity = {id = ARGV[4], kind = ARGV[5], hardwareClass = ARGV[6], createdAt = ARGV[7], routing = ARGV[11],
                              vramTier = ARGV[14], tenant = ARGV[15], family = ARGV[17]}
            local current = redis.call('HGET', key, 'status')
            local attempts = tonumber(redis.call('HGET', key, 'attempts') or '0')
            if current then
              if current == status and attempt == attempts and FENCE[status] ~= 'OPENS_ATTEMPT' then
                return 'DUPLICATE'
              end
              if FENCE[status] == 'CLOSES_ATTEMPT' and attempt < attempts then return 'REJECTED' end
              if FENCE[status] == 'OPENS_ATTEMPT' and attempt <= attempts then
                if current ~= status or attempt < attempts then return 'REJECTED' end
                redis.call('HSET', key, 'aliveAt', at)
                if ARGV[12] ~= '' then
                  redis.call('HSET', key, 'progress', ARGV[12], 'updatedAt', at)
                  log(status, at, attempt)
                end
                return 'APPLIED'
              end
              if not NEXT[current][status] then return 'REJECTED' end
            elseif status ~= 'QUEUED' and ARGV[7] ~= '' then
              append({status = 'QUEUED', at = ARGV[7], attempt = 0})
            end
            for field, value in pairs(identity) do
              if value ~= '' then redis.call('HSETNX', key, field, value) end
            end
            redis.call('HSET', key, 'status', status, 'updatedAt', at)
            if attempt > attempts then redis.call('HSET', key, 'attempts', attempt) end
            if status == 'RUNNING' then
              redis.call('HSET', key, 'startedAt', at, 'aliveAt', at, 'workerId', ARGV[8])
              redis.call('HDEL', key, 'reason', 'progress')
              redis.call('SADD', KEYS[3], ARGV[4])
            else
              redis.call('SREM', KEYS[3], ARGV[4])
            end
            if ARGV[9] ~= '' then redis.call('HSET', key, 'reason', ARGV[9]) end
            if ARGV[10] ~= '' then redis.call('HSET', key, 'result', ARGV[10]) end
            if not TERMINAL[status] then redis.call('SADD', KEYS[4], ARGV[4]) end
            if WAITING[status] then
              redis.call('SADD', KEYS[2], ARGV[4])
            else
              redis.call('SREM', KEYS[2], ARGV[4])
            end
            if TERMINAL[status] then
              redis.call('SREM', KEYS[4], ARGV[4])
              redis.call('HSET', key, 'finishedAt', at)
              redis.call('EXPIRE', key, tonumber(ARGV[13]))
              if redis.call('EXISTS', KEYS[6]) == 1 then
                redis.call('EXPIRE', KEYS[6], tonumber(ARGV[13]))
                redis.call('ZADD', KEYS[7], ARGV[16], ARGV[4])
              end
            end
            log(status, at, math.max(attempt, attempts))
            return 'APPLIED'
            """;

    private final UnifiedJedis redis;
    private final String script;
    private final Duration retention;

    public JobStore(UnifiedJedis redis) {
        this(redis, DEFAULT_RETENTION);
    }

    /** @param retention how long a finished job's record stays readable */
    public JobStore(UnifiedJedis redis, Duration retention) {
        this.redis = redis;
        this.retention = retention;
        this.script = transitionTable() + APPLY_SCRIPT;
    }

    /** Applies one event atomically and says what it did. */
    public JobTransition apply(JobEvent event) {
        List<String> args = List.of(
                event.status().name(),
                event.at().toString(),
                Integer.toString(event.attempt()),
                event.jobId(),
                event.kind().id(),
                event.hardwareClass().id(),
                orEmpty(event.createdAt()),
                orEmpty(event.workerId()),
                orEmpty(event.reason()),
                event.result() == null ? "" : Json.encode(event.result()),
                orEmpty(event.routing()),
                event.progress() == null ? "" : Json.encode(event.progress()),
                Long.toString(Math.max(1, retention.toSeconds())),
                Integer.toString(event.vramTier()),
                orEmpty(event.tenant()),
                Long.toString(event.at().toEpochMilli()),
                event.family().id());
        Object outcome = redis.eval(script,
                List.of(key(event.jobId()), backlogKey(event.hardwareClass(), event.vramTier(), event.family()), RUNNING_KEY,
                        activeKey(event.tenant()), logKey(event.jobId()), webhookKey(event.jobId()), WEBHOOKS_DUE_KEY),
                args);
        return JobTransition.valueOf(String.valueOf(outcome));
    }

    public Optional<JobRecord> find(String jobId) {
        Map<String, String> hash = redis.hgetAll(key(jobId));
        if (hash.isEmpty() || !hash.containsKey("status")) {
            return Optional.empty();
        }
        return Optional.of(new JobRecord(
                jobId,
                hash.get("tenant"),
                JobKind.fromId(hash.get("kind")),
                JobStatus.valueOf(hash.get("status")),
                HardwareClass.fromId(hash.get("hardwareClass")).orElse(null),
                Integer.parseInt(hash.getOrDefault("vramTier", "0")),
                instant(hash.get("createdAt")),
                instant(hash.get("startedAt")),
                instant(hash.get("finishedAt")),
                instant(hash.get("updatedAt")),
                instant(hash.get("aliveAt")),
                Integer.parseInt(hash.getOrDefault("attempts", "0")),
                hash.get("workerId"),
                hash.get("reason"),
                hash.containsKey("result") ? Json.decode(hash.get("result"), JobResult.class) : null,
                hash.get("routing"),
                hash.containsKey("progress") ? Json.decode(hash.get("progress"), Progress.class) : null,
                VoiceFamily.fromId(hash.get("family")).orElse(VoiceFamily.VOICEFARM)));
    }

    /** Jobs queued for the class on any of its tiers, of any family (QUEUED or RETRYING) and not started yet. */
    public long backlog(HardwareClass hardwareClass) {
        try (AbstractPipeline pipeline = redis.pipelined()) {
            List<Response<Long>> sizes = Topics.tiers(hardwareClass).stream()
                    .flatMap(tier -> Arrays.stream(VoiceFamily.values())
                            .map(family -> pipeline.scard(backlogKey(hardwareClass, tier, family))))
                    .toList();
            pipeline.sync();
            return sizes.stream().mapToLong(Response::get).sum();
        }
    }

    /** The ids of the jobs of {@link #backlog} that wait on one GPU-memory tier for one family's workers. */
    public Set<String> backlogIds(HardwareClass hardwareClass, int vramTier, VoiceFamily family) {
        return redis.smembers(backlogKey(hardwareClass, vramTier, family));
    }

    /** How many of the tenant's jobs are not finished (queued, running or waiting to retry): its active-jobs quota counts these. */
    public long activeJobs(String tenant) {
        return redis.scard(activeKey(tenant));
    }

    /** The ids of the jobs RUNNING now: what the scheduler's orphan sweep looks at. */
    public Set<String> runningIds() {
        return redis.smembers(RUNNING_KEY);
    }

    /** Forgets a running-set entry whose record has expired or gone. */
    public void forgetRunning(String jobId) {
        redis.srem(RUNNING_KEY, jobId);
    }

    static String key(String jobId) {
        return KEY_PREFIX + jobId;
    }

    /**
     * The changes of a job after the one numbered {@code after} (-1 for all), oldest first: every
     * applied transition and every progress report, as the store applied them.
     */
    public List<Change> changes(String jobId, long after) {
        List<String> entries = redis.lrange(logKey(jobId), after + 1, -1);
        List<Change> changes = new java.util.ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Logged logged = Json.decode(entries.get(i), Logged.class);
            changes.add(new Change(after + 1 + i, JobStatus.valueOf(logged.status()), instant(logged.at()), logged.attempt(),
                    logged.reason(), logged.progress() == null ? null : Json.decode(logged.progress(), Progress.class)));
        }
        return changes;
    }

    /**
     * One entry of a job's change log, a list under {@code farm:job-log:<id>} kept as long as the
     * job's record (a list, not a stream: a stream's first entry costs Redis some 4 KB, a list's
     * about 200 bytes). Its length is bounded by the job: a few transitions and one progress report
     * per training epoch.
     *
     * @param number the entry's place in the log, from 0: what a reader resumes after
     */
    public record Change(long number, JobStatus status, Instant at, int attempt, String reason, Progress progress) {
    }

    /** A log entry as the script writes it. */
    record Logged(String status, String at, int attempt, String reason, String progress) {
    }

    /** Where the gateway keeps a job's webhook; its existence is what makes a finish owe a delivery. */
    public static String webhookKey(String jobId) {
        return "farm:webhook:" + jobId;
    }

    static String logKey(String jobId) {
        return "farm:job-log:" + jobId;
    }

    static String activeKey(String tenant) {
        return "farm:active:" + tenant;
    }

    static String backlogKey(HardwareClass hardwareClass, int vramTier, VoiceFamily family) {
        String key = "farm:backlog:" + hardwareClass.id() + (vramTier == VramTiers.ANY ? "" : ":vram" + vramTier);
        return family == VoiceFamily.VOICEFARM ? key : key + ":" + family.id();
    }

    /** Lua tables NEXT, FENCE, TERMINAL and WAITING, written from the one transition table in {@link JobStatus}. */
    static String transitionTable() {
        String next = table("NEXT", Arrays.stream(JobStatus.values()).map(from -> from.name() + " = {"
                + from.next().stream().map(to -> to.name() + " = true").collect(Collectors.joining(", ")) + "}"));
        String fence = table("FENCE", Arrays.stream(JobStatus.values()).map(s -> s.name() + " = '" + s.fence() + "'"));
        String terminal = table("TERMINAL",
                Arrays.stream(JobStatus.values()).filter(JobStatus::isTerminal).map(s -> s.name() + " = true"));
        String waiting = table("WAITING",
                Arrays.stream(JobStatus.values()).filter(JobStatus::isWaiting).map(s -> s.name() + " = true"));
        return next + fence + terminal + waiting;
    }

    private static String table(String name, Stream<String> entries) {
        return entries.collect(Collectors.joining(", ", "local " + name + " = {", "}\n"));
    }

    private static String orEmpty(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }
}
