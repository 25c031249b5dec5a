package dev.voicefarm.gateway.datasets;

import dev.voicefarm.gateway.api.ApiException;
import java.util.ArrayList;
import java.util.List;

/** What is wrong with an upload, collected so one answer names every problem (the first {@value #SHOWN}). */
final class Problems {

    static final int SHOWN = 20;
    static final String CODE = "invalid_dataset";

    private final List<String> problems = new ArrayList<>();

    void add(String problem) {
        problems.add(problem);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    int size() {
        return problems.size();
    }

    /** @throws ApiException 400 {@value #CODE} listing the problems, when there are any */
    void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(problems.size() == 1
                ? "the dataset has 1 problem: "
                : "the dataset has " + problems.size() + " problems: ");
        message.append(String.join("; ", problems.subList(0, Math.min(SHOWN, problems.size()))));
        if (problems.size() > SHOWN) {
            message.append("; and ").append(problems.size() - SHOWN).append(" more");
        }
        throw ApiException.badRequest(CODE, message.toString());
    }

    /** A problem that makes reading further pointless: the upload is refused at once. */
    static ApiException fatal(String message) {
        return ApiException.badRequest(CODE, message);
    }
}
