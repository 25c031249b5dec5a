package dev.voicefarm.gateway.tenants;

import jakarta.enterprise.context.RequestScoped;

/** The request's {@link Caller}, set once by {@link Authentication} before any resource runs. */
@RequestScoped
public class CallerContext {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** @throws IllegalStateException when no key was checked: a resource reached without {@link Authentication} */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller for this request");
        }
        return caller;
    }

    public String tenant() {
        return get().tenant();
    }
}
