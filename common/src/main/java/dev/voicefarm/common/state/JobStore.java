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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Job state in Redis: one hash per job under {@code farm:job:<id>}, per hardware class, tier and
 * family the jobs waiting for it under {@code farm:waiting:<class>[:vram<tier>][:<family>]} (a sorted set
 * scored by when each began to wait), the set of running jobs under {@code farm:running}, per tenant the
 * set of its unfinished jobs under {@code farm:active:<tenant>}, the newest {@value #INDEX_LENGTH} jobs
 * of each tenant under {@code farm:jobs:<tenant>} and of all under {@code farm:jobs} (sorted sets scored
 * by creation, what listings read), and every change of every job on the capped stream
 * {@value #FEED_KEY} (what live views follow). {@link #apply} folds one event into the hash in a single Lua script, so
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
    /** Every applied change of every job, newest last, capped near {@value #FEED_LENGTH} entries. */
    public static final String FEED_KEY = "farm:changes";
    static final int FEED_LENGTH = 10_000;
    static final String ALL_JOBS_KEY = "farm:jobs";
    static final String WAITING_PREFIX = "farm:waiting:";
    /** Where waiting jobs were kept, as plain sets, before they were scored; see {@link #adoptLegacyBacklogs}. */
    static final String LEGACY_BACKLOG_PREFIX = "farm:backlog:";
    /** How many of the newest jobs a listing can reach, per tenant and in all. */
    public static final int INDEX_LENGTH = 10_000;
    /** How long a finished job's record is kept unless told otherwise. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    private static final String APPLY_SCRIPT = """
            local function append(entry)
              redis.call('RPUSH', KEYS[5], cjson.encode(entry))
              redis.call('EXPIRE', KEYS[5], tonumber(ARGV[13]))
              local fields = {'job', ARGV[4], 'tenant', ARGV[15], 'kind', ARGV[5], 'class', ARGV[6], 'entry', cjson.encode(entry)}
              redis.call('XADD', KEYS[10], 'MAXLEN', '~', FEED_LENGTH, '*', unpack(fields))
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
            -- Identity is set once, by whichever event carries it first, even one rejected as a step back:
            -- the gateway's QUEUED (the only event with the routing reason) may come after the worker's RUNNING.
            for field, value in pairs(identity) do
              if value ~= '' then redis.call('HSETNX', key, field, value) end
            end
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
                return 'REPORTED'
              end
              if not NEXT[current][status] then return 'REJECTED' end
            else
              if status ~= 'QUEUED' and ARGV[7] ~= '' then
                append({status = 'QUEUED', at = ARGV[7], attempt = 0})
              end
              if ARGV[15] ~= '' then
                redis.call('ZADD', KEYS[8], ARGV[18], ARGV[4])
                redis.call('ZREMRANGEBYRANK', KEYS[8], 0, -INDEX_LENGTH - 1)
              end
              redis.call('ZADD', KEYS[9], ARGV[18], ARGV[4])
              redis.call('ZREMRANGEBYRANK', KEYS[9], 0, -INDEX_LENGTH - 1)
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
              redis.call('ZADD', KEYS[2], 'NX', ARGV[16], ARGV[4])
            else
              redis.call('ZREM', KEYS[2], ARGV[4])
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

    /** The same for every store: the transition table is generated from {@link JobStatus}. */
    static final LuaScript APPLY = new LuaScript(transitionTable() + APPLY_SCRIPT);

    private final UnifiedJedis redis;
    private final Duration retention;

    public JobStore(UnifiedJedis redis) {
        this(redis, DEFAULT_RETENTION);
    }

    /** @param retention how long a finished job's record stays readable */
    public JobStore(UnifiedJedis redis, Duration retention) {
        this.redis = redis;
        this.retention = retention;
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
                event.family().id(),
                Long.toString((event.createdAt() == null ? event.at() : event.createdAt()).toEpochMilli()));
        Object outcome = APPLY.run(redis,
                List.of(key(event.jobId()), backlogKey(event.hardwareClass(), event.vramTier(), event.family()), RUNNING_KEY,
                        activeKey(event.tenant()), logKey(event.jobId()), webhookKey(event.jobId()), WEBHOOKS_DUE_KEY,
                        indexKey(event.tenant()), ALL_JOBS_KEY, FEED_KEY),
                args);
        return JobTransition.valueOf(String.valueOf(outcome));
    }

    public Optional<JobRecord> find(String jobId) {
        return record(jobId, redis.hgetAll(key(jobId)));
    }

    private static Optional<JobRecord> record(String jobId, Map<String, String> hash) {
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

    /**
     * What waits for a class, on any of its tiers and for any family (QUEUED or RETRYING, not started):
     * how many jobs, and since when the one that has waited longest has waited (its acceptance, or the
     * failure that queued it again). One round trip for both: the routing table asks every second.
     */
    public record Waiting(long jobs, Optional<Instant> since) {
    }

    public Waiting waiting(HardwareClass hardwareClass) {
        try (AbstractPipeline pipeline = redis.pipelined()) {
            List<String> keys = Topics.tiers(hardwareClass).stream()
                    .flatMap(tier -> Arrays.stream(VoiceFamily.values()).map(family -> backlogKey(hardwareClass, tier, family)))
                    .toList();
            List<Response<Long>> sizes = keys.stream().map(pipeline::zcard).toList();
            List<Response<List<redis.clients.jedis.resps.Tuple>>> firsts = keys.stream().map(key -> pipeline.zrangeWithScores(key, 0, 0)).toList();
            pipeline.sync();
            return new Waiting(sizes.stream().mapToLong(Response::get).sum(),
                    firsts.stream().flatMap(first -> first.get().stream()).mapToLong(tuple -> (long) tuple.getScore()).min()
                            .stream().mapToObj(Instant::ofEpochMilli).findFirst());
        }
    }

    /** Jobs queued for the class and not started yet ({@link #waiting}). */
    public long backlog(HardwareClass hardwareClass) {
        return waiting(hardwareClass).jobs();
    }

    /** When the class's longest-waiting job began to wait; empty when none waits ({@link #waiting}). */
    public Optional<Instant> oldestWaiting(HardwareClass hardwareClass) {
        return waiting(hardwareClass).since();
    }

    /** When a job's current attempt started, if it did: what its run time is measured from. */
    public Optional<Instant> startedAt(String jobId) {
        return Optional.ofNullable(instant(redis.hget(key(jobId), "startedAt")));
    }

    /**
     * Moves the waiting jobs of a Redis kept from before waiting jobs were scored (sets under
     * {@code farm:backlog:…}) into their sorted sets, scored by their creation: without it they would
     * be out of the backlog counts and out of the supervisor's sight. Idempotent; the old sets are
     * deleted once moved.
     *
     * @return how many jobs were moved
     */
    public long adoptLegacyBacklogs() {
        long moved = 0;
        ScanParams match = new ScanParams().match(LEGACY_BACKLOG_PREFIX + "*").count(100);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            for (String legacy : page.getResult()) {
                if (!"set".equals(redis.type(legacy))) {
                    continue;
                }
                String waiting = WAITING_PREFIX + legacy.substring(LEGACY_BACKLOG_PREFIX.length());
                for (String jobId : redis.smembers(legacy)) {
                    String createdAt = redis.hget(key(jobId), "createdAt");
                    if (createdAt != null) {
                        redis.zadd(waiting, Instant.parse(createdAt).toEpochMilli(), jobId, ZAddParams.zAddParams().nx());
                        moved++;
                    }
                }
                redis.del(legacy);
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return moved;
    }

    /** The ids of the jobs of {@link #backlog} that wait on one GPU-memory tier for one family's workers. */
    public List<String> backlogIds(HardwareClass hardwareClass, int vramTier, VoiceFamily family) {
        return redis.zrange(backlogKey(hardwareClass, vramTier, family), 0, -1);
    }

    /**
     * The newest jobs of a tenant ({@code null}: of every tenant) that {@code filter} accepts, newest
     * first, at most {@code limit}; looks at no more than {@value #INDEX_LENGTH} of the newest. Index
     * entries whose record has expired are dropped on the way.
     */
    public List<JobRecord> recent(String tenant, int limit, Predicate<JobRecord> filter) {
        String index = tenant == null ? ALL_JOBS_KEY : indexKey(tenant);
        List<JobRecord> found = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        int page = Math.max(limit, 100);
        for (long start = 0; found.size() < limit && start < INDEX_LENGTH; start += page) {
            List<String> ids = redis.zrevrange(index, start, start + page - 1);
            List<Response<Map<String, String>>> hashes;
            try (AbstractPipeline pipeline = redis.pipelined()) {
                hashes = ids.stream().map(id -> pipeline.hgetAll(key(id))).toList();
                pipeline.sync();
            }
            for (int i = 0; i < ids.size(); i++) {
                Optional<JobRecord> job = record(ids.get(i), hashes.get(i).get());
                if (job.isEmpty()) {
                    expired.add(ids.get(i));
                } else if (filter.test(job.get()) && found.size() < limit) {
                    found.add(job.get());
                }
            }
            if (ids.size() < page) {
                break;
            }
        }
        // Removed after the scan: removing during it would shift the ranks of the pages still to read.
        if (!expired.isEmpty()) {
            redis.zrem(index, expired.toArray(String[]::new));
        }
        return found;
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
            changes.add(change(after + 1 + i, entries.get(i)));
        }
        return changes;
    }

    private static Change change(long number, String logged) {
        Logged entry = Json.decode(logged, Logged.class);
        return new Change(number, JobStatus.valueOf(entry.status()), instant(entry.at()), entry.attempt(),
                entry.reason(), entry.progress() == null ? null : Json.decode(entry.progress(), Progress.class));
    }

    /** The id of the newest entry of the change feed ({@code 0-0} when it is empty): where a reader "from now" starts. */
    public String feedEnd() {
        List<StreamEntry> newest = redis.xrevrange(FEED_KEY, "+", "-", 1);
        return newest.isEmpty() ? "0-0" : newest.get(0).getID().toString();
    }

    /** Up to {@code count} entries of the change feed after the one with id {@code after}, oldest first. */
    public List<FeedEntry> feedAfter(String after, int count) {
        return redis.xrange(FEED_KEY, "(" + after, "+", count).stream().map(entry -> {
            Map<String, String> fields = entry.getFields();
            return new FeedEntry(entry.getID().toString(), fields.get("job"), fields.get("tenant"), JobKind.fromId(fields.get("kind")),
                    HardwareClass.fromId(fields.get("class")).orElse(null), change(-1, fields.get("entry")));
        }).toList();
    }

    /**
     * One entry of the change feed: a change of any job, with whose job it is.
     *
     * @param id     the stream entry's id ({@code <millis>-<seq>}): what a reader resumes after
     * @param change the change as the job's own log has it (its {@code number} is -1: the feed does not know it)
     */
    public record FeedEntry(String id, String jobId, String tenant, JobKind kind, HardwareClass hardwareClass, Change change) {
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

    static String indexKey(String tenant) {
        return "farm:jobs:" + tenant;
    }

    static String logKey(String jobId) {
        return "farm:job-log:" + jobId;
    }

    static String activeKey(String tenant) {
        return "farm:active:" + tenant;
    }

    static String backlogKey(HardwareClass hardwareClass, int vramTier, VoiceFamily family) {
        String key = WAITING_PREFIX + hardwareClass.id() + (vramTier == VramTiers.ANY ? "" : ":vram" + vramTier);
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
        return next + fence + terminal + waiting + "local FEED_LENGTH = " + FEED_LENGTH + "\nlocal INDEX_LENGTH = " + INDEX_LENGTH + "\n";
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
