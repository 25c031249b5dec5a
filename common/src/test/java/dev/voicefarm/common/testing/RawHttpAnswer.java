package dev.voicefarm.common.testing;

import java.io.BufferedReader;
import java.io.IOException;

/** Reads an HTTP/1.1 answer from a raw socket, for tests that send what no HTTP client would. */
public final class RawHttpAnswer {

    private RawHttpAnswer() {
    }

    /** After the status line: skips the headers and returns the body, as long as its Content-Length says. */
    public static String body(BufferedReader in) throws IOException {
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        char[] body = new char[length];
        int read = 0;
        while (read < length) {
            int n = in.read(body, read, length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return new String(body, 0, read);
    }
}
