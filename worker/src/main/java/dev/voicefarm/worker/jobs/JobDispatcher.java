package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.jobs.JobKind;
import dev.voicefarm.common.kafka.Topics;
import java.util.Map;

/** Hands each record to the handler of its job kind, which its topic names ({@link Topics#kindOf}). */
public final class JobDispatcher implements JobHandler {

    private final Map<JobKind, JobHandler> handlers;

    public JobDispatcher(Map<JobKind, JobHandler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    @Override
    public Disposition handle(String topic, String payload, int attempt) throws InterruptedException {
        JobHandler handler = Topics.kindOf(topic).map(handlers::get).orElse(null);
        return handler == null ? Disposition.GIVE_UP : handler.handle(topic, payload, attempt);
    }
}
