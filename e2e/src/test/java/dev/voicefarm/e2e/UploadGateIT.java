package dev.voicefarm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.testing.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Dataset uploads and the gateway's heap: one upload is read at a time, a second one meanwhile is
 * turned away before its body is buffered, and the largest upload the limits allow is read and
 * stored (not an OutOfMemoryError's 500).
 */
class UploadGateIT {

    @Test
    void anUploadWhileAnotherIsBeingReadIs503BeforeItsBodyIsBuffered() throws Exception {
        FarmClient farm = FarmClient.dev();
        URI gateway = URI.create(LocalStack.gatewayUrl());
        try (Socket slow = new Socket(gateway.getHost(), gateway.getPort())) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /v1/datasets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + farm.apiKey()
                    + "\r\nContent-Type: application/zip\r\nContent-Length: 10000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024]);
            out.flush();
            Thread.sleep(300);

            FarmClient.Reply second = farm.postZip("/v1/datasets", ToneDataset.zip());
            assertEquals(503, second.status(), second.text());
            assertEquals("uploads_busy", second.json().path("error").asText());
            assertEquals("5", second.header("Retry-After"));
        }
        Thread.sleep(300); // the slow upload's connection is closed: its place is free again
        FarmClient.Reply after = farm.postZip("/v1/datasets", ToneDataset.zip());
        assertEquals(201, after.status(), after.text());
    }

    /** 60 clips of 29.9 s at 48 kHz: 172 MB of WAV entries and 1,794 s of audio, just inside every limit. */
    @Test
    void theLargestUploadTheLimitsAllowIsReadAndStored() throws Exception {
        FarmClient farm = TestTenants.create("big-upload", null).client();
        byte[] zip = largestZip();
        assertTrue(zip.length < 100 * 1024 * 1024, "the body is within the 100 MB limit: " + zip.length);
        FarmClient.Reply stored = farm.postZip("/v1/datasets", zip);
        assertEquals(201, stored.status(), stored.text());
        JsonNode dataset = stored.json();
        assertEquals(60, dataset.path("clips").asInt());
        assertEquals(1794.0, dataset.path("totalSeconds").asDouble(), 1.0);
    }

    private static byte[] largestZip() throws Exception {
        int rate = 48_000;
        int frames = (int) (29.9 * rate);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            StringBuilder metadata = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                ByteBuffer pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
                double hz = 110 + 7 * i;
                for (int f = 0; f < frames; f++) {
                    pcm.putShort((short) (6000 * Math.sin(2 * Math.PI * hz * f / rate)));
                }
                zip.putNextEntry(new ZipEntry("wavs/long" + i + ".wav"));
                zip.write(new Wav(rate, 1, 16, pcm.array()).toBytes());
                zip.closeEntry();
                metadata.append("long").append(i).append("|A long recording, number ").append(i).append(".\n");
            }
            zip.putNextEntry(new ZipEntry("metadata.csv"));
            zip.write(metadata.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
