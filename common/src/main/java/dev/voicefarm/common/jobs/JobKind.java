package dev.voicefarm.common.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a job does; each kind has its own topic per hardware class. */
public enum JobKind {
    SYNTHESIS("synthesis"),
    TRAINING("training");

    private final String id;

    JobKind(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static JobKind fromId(String id) {
        for (JobKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown job kind: " + id);
    }
}
