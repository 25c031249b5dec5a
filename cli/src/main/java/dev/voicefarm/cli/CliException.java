package dev.voicefarm.cli;

/**
 * A failure the user can act on, printed as one line {@code voicefarm: <code>: <message>} with exit
 * status 1: the gateway's error codes pass through unchanged, the client's own are named alike.
 */
final class CliException extends RuntimeException {

    private final String code;

    CliException(String code, String message) {
        super(message);
        this.code = code;
    }

    CliException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    String code() {
        return code;
    }

    /** The line printed on stderr. */
    String line() {
        return "voicefarm: " + code + ": " + getMessage();
    }
}
