package dev.voicefarm.common.state;

import dev.voicefarm.common.fleet.HardwareClass;
import dev.voicefarm.common.jobs.JobEvent;
import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.jobs.JobRecord;
import dev.voicefarm.common.jobs.JobResult;
import dev.voicefarm.common.jobs.JobStatus;
import dev.voicefarm.common.jobs.JobTransition;
import dev.voicefarm.common.jobs.Progress;
import dev.voicefarm.common.json.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.UnifiedJedis;

/**
 * Job state in Redis: one hash per job under {@code farm:job:<id>}, and per hardware class the set
 * of jobs waiting for it under {@code farm:backlog:<class>}. {@link #apply} folds one event
 * into the hash in a single Lua script, so concurrent writers (the scheduler, the gateway) cannot
 * interleave and a late or duplicate event can never move a job backwards. The script's transition
 * table is generated from {@link JobStatus#next()}, the rule of {@link JobTransition#decide}.
 *
 * <p>Thread-safe as long as the given client is (Jedis' pooled clients are).
 */
public final class JobStore {

    static final String KEY_PREFIX = "farm:job:";

    private static final String APPLY_SCRIPT = """
            local key = KEYS[1]
            local status, at, attempt = ARGV[1], ARGV[2], tonumber(ARGV[3])
            local identity = {id = ARGV[4], kind = ARGV[5], hardwareClass = ARGV[6], createdAt = ARGV[7], routing = ARGV[11]}
            for field, value in pairs(identity) do
              if value ~= '' then redis.call('HSETNX', key, field, value) end
            end
            local current = redis.call('HGET', key, 'status')
            local attempts = tonumber(redis.call('HGET', key, 'attempts') or '0')
            if current then
              if current == status then
                if status == 'RUNNING' and ARGV[12] ~= '' and attempt == attempts then
                  redis.call('HSET', key, 'progress', ARGV[12], 'updatedAt', at)
                  return 'APPLIED'
                end
                if not (status == 'RUNNING' and attempt > attempts) then return 'DUPLICATE' end
              elseif not (NEXT[current] and NEXT[current][status]) then
                return 'REJECTED'
              end
            end
            redis.call('HSET', key, 'status', status, 'updatedAt', at)
            if attempt > attempts then redis.call('HSET', key, 'attempts', attempt) end
            if status == 'RUNNING' then
              redis.call('HSET', key, 'startedAt', at, 'workerId', ARGV[8])
              redis.call('HDEL', key, 'reason')
            end
            if TERMINAL[status] then redis.call('HSET', key, 'finishedAt', at) end
            if ARGV[9] ~= '' then redis.call('HSET', key, 'reason', ARGV[9]) end
            if ARGV[10] ~= '' then redis.call('HSET', key, 'result', ARGV[10]) end
            if status == 'QUEUED' or status == 'RETRYING' then
              redis.call('SADD', KEYS[2], ARGV[4])
            else
              redis.call('SREM', KEYS[2], ARGV[4])
            end
            return 'APPLIED'
            """;

    private final UnifiedJedis redis;
    private final String script;

    public JobStore(UnifiedJedis redis) {
        this.redis = redis;
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
                event.progress() == null ? "" : Json.encode(event.progress()));
        Object outcome = redis.eval(script, List.of(key(event.jobId()), backlogKey(event.hardwareClass())), args);
        return JobTransition.valueOf(String.valueOf(outcome));
    }

    public Optional<JobRecord> find(String jobId) {
        Map<String, String> hash = redis.hgetAll(key(jobId));
        if (hash.isEmpty() || !hash.containsKey("status")) {
            return Optional.empty();
        }
        return Optional.of(new JobRecord(
                jobId,
                JobKind.fromId(hash.get("kind")),
                JobStatus.valueOf(hash.get("status")),
                HardwareClass.fromId(hash.get("hardwareClass")).orElse(null),
                instant(hash.get("createdAt")),
                instant(hash.get("startedAt")),
                instant(hash.get("finishedAt")),
                instant(hash.get("updatedAt")),
                Integer.parseInt(hash.getOrDefault("attempts", "0")),
                hash.get("workerId"),
                hash.get("reason"),
                hash.containsKey("result") ? Json.decode(hash.get("result"), JobResult.class) : null,
                hash.get("routing"),
                hash.containsKey("progress") ? Json.decode(hash.get("progress"), Progress.class) : null));
    }

    /** Jobs queued for the class (QUEUED or RETRYING) and not started yet. */
    public long backlog(HardwareClass hardwareClass) {
        return redis.scard(backlogKey(hardwareClass));
    }

    /** The ids of the jobs in {@link #backlog}. */
    public Set<String> backlogIds(HardwareClass hardwareClass) {
        return redis.smembers(backlogKey(hardwareClass));
    }

    static String key(String jobId) {
        return KEY_PREFIX + jobId;
    }

    static String backlogKey(HardwareClass hardwareClass) {
        return "farm:backlog:" + hardwareClass.id();
    }

    /** Lua tables NEXT and TERMINAL, written from the one transition table in {@link JobStatus}. */
    static String transitionTable() {
        String next = Arrays.stream(JobStatus.values())
                .map(from -> from.name() + " = {" + from.next().stream()
                        .map(to -> to.name() + " = true")
                        .collect(Collectors.joining(", ")) + "}")
                .collect(Collectors.joining(", ", "local NEXT = {", "}\n"));
        String terminal = Arrays.stream(JobStatus.values())
                .filter(JobStatus::isTerminal)
                .map(s -> s.name() + " = true")
                .collect(Collectors.joining(", ", "local TERMINAL = {", "}\n"));
        return next + terminal;
    }

    private static String orEmpty(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }
}
