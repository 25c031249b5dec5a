package dev.voicefarm.common.testing;

import dev.voicefarm.common.audio.Wav;
import dev.voicefarm.common.voices.GptSovitsVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Weights files shaped like GPT-SoVITS's, for tests: no real weights can exist on these machines.
 * Each is a PyTorch archive (a zip with {@code <name>/data.pkl}, a minimal pickle) as
 * {@code torch.save} writes it, plus {@code <name>/standin.json} that the GPT-SoVITS stand-in
 * ({@code deploy/gpt-sovits-standin}) reads to know which speaker it holds; a SoVITS file has its
 * first two bytes replaced by the version's head as GPT-SoVITS's {@code process_ckpt.py} does.
 */
public final class GptSovitsWeights {

    /** A pickle of an empty dict, protocol 2: what a weights archive's {@code data.pkl} minimally is. */
    private static final byte[] EMPTY_PICKLE = {(byte) 0x80, 0x02, '}', 'q', 0x00, '.'};
    private static final Map<GptSovitsVersion, String> HEADS = Map.of(
            GptSovitsVersion.V1, "00", GptSovitsVersion.V2, "01", GptSovitsVersion.V3, "03",
            GptSovitsVersion.V4, "04", GptSovitsVersion.V2_PRO, "05", GptSovitsVersion.V2_PRO_PLUS, "06");

    private GptSovitsWeights() {
    }

    /** A GPT weights file ({@code .ckpt}) for this speaker. */
    public static byte[] gpt(String speaker) {
        return archive("gpt", "{\"speaker\": \"" + speaker + "\"}");
    }

    /**
     * A SoVITS weights file ({@code .pth}) of this version for this speaker; the stand-in speaks it
     * at this eSpeak NG pitch (0–99), so different speakers sound different.
     */
    public static byte[] sovits(GptSovitsVersion version, String speaker, int pitch) {
        byte[] zip = archive("sovits", "{\"speaker\": \"" + speaker + "\", \"pitch\": " + pitch + "}");
        byte[] head = HEADS.get(version).getBytes(StandardCharsets.US_ASCII);
        zip[0] = head[0];
        zip[1] = head[1];
        return zip;
    }

    /** A reference clip: a WAV of a gliding tone this long, at 32 kHz. */
    public static byte[] reference(double seconds) {
        int rate = 32_000;
        int frames = (int) Math.round(seconds * rate);
        ByteBuffer pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            double t = (double) i / rate;
            pcm.putShort((short) (8000 * Math.sin(2 * Math.PI * (180 + 40 * Math.sin(t)) * t)));
        }
        return new Wav(rate, 1, 16, pcm.array()).toBytes();
    }

    /**
     * The same bytes for the same weights, whenever they are made: tests compare a stored copy with
     * one made again, and a zip entry otherwise carries the current time (two seconds' resolution:
     * a test that straddled a boundary saw its copies differ).
     */
    private static final long FIXED_TIME = 1_704_067_200_000L; // 2024-01-01T00:00:00Z

    private static byte[] archive(String name, String standinJson) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(entry(name + "/data.pkl"));
            zip.write(EMPTY_PICKLE);
            zip.closeEntry();
            zip.putNextEntry(entry(name + "/standin.json"));
            zip.write(standinJson.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(FIXED_TIME);
        return entry;
    }
}
