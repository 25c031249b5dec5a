package dev.voicefarm.common.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body built whole in memory, as {@code curl -F} sends it: with its
 * length known (the gateway refuses bodies without a Content-Length), text fields as UTF-8 and
 * files with their file names.
 */
public final class MultipartForm {

    private final String boundary = "voicefarm-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** A text field. */
    public MultipartForm field(String name, String value) {
        head("Content-Disposition: form-data; name=\"" + name + "\"\r\nContent-Type: text/plain; charset=UTF-8");
        body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** A file part, as {@code curl -F name=@fileName} sends it. */
    public MultipartForm file(String name, String fileName, byte[] content) {
        head("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream");
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** The value of the Content-Type header. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The body, closed by its final boundary. */
    public byte[] bytes() {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(body.toByteArray());
        whole.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return whole.toByteArray();
    }

    private void head(String headers) {
        body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
