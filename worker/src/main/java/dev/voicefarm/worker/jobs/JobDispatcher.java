package dev.voicefarm.worker.jobs;

import dev.voicefarm.common.jobs.JobKind;
import java.util.Map;

/** Hands each record to the handler of its job kind, which its topic ({@code farm.<kind>.<class>}) names. */
public final class JobDispatcher implements JobHandler {

    private final Map<JobKind, JobHandler> handlers;

    public JobDispatcher(Map<JobKind, JobHandler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    @Override
    public Disposition handle(String topic, String payload, int attempt) throws InterruptedException {
        for (Map.Entry<JobKind, JobHandler> handler : handlers.entrySet()) {
            if (topic.startsWith("farm." + handler.getKey().id() + ".")) {
                return handler.getValue().handle(topic, payload, attempt);
            }
        }
        return Disposition.GIVE_UP;
    }
}
