package dev.voicefarm.gateway.voices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.testing.GptSovitsWeights;
import dev.voicefarm.common.voices.GptSovitsVersion;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A zip's entry names read from its directory alone, whatever the file claims. */
class ZipDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void readsTheNamesOfAWeightsFileWhoseHeadIsAVersion() throws Exception {
        Path sovits = Files.write(dir.resolve("s.pth"), GptSovitsWeights.sovits(GptSovitsVersion.V4, "a", 50));
        assertEquals(List.of("sovits/data.pkl", "sovits/standin.json"), ZipDirectory.names(sovits));
    }

    /** Past 65,535 entries Java writes zip64 end records; the directory is found through them. */
    @Test
    void readsZip64Archives() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(0);
            for (int i = 0; i < 65_540; i++) {
                zip.putNextEntry(new ZipEntry("m/" + i));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("m/data.pkl"));
            zip.closeEntry();
        }
        List<String> names = ZipDirectory.names(Files.write(dir.resolve("big.zip"), bytes.toByteArray()));
        assertEquals(65_541, names.size());
        assertEquals("m/data.pkl", names.get(names.size() - 1));
    }

    /** An end record claiming a huge directory is refused before any of it is read. */
    @Test
    void refusesADirectoryLargerThanAnyWeightsFileHas() throws Exception {
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 100).putShort((short) 100)
                .putInt(1 << 30).putInt(0).putShort((short) 0);
        Path file = Files.write(dir.resolve("claims.zip"), end.array());
        ZipDirectory.Unreadable refused = assertThrows(ZipDirectory.Unreadable.class, () -> ZipDirectory.names(file));
        assertTrue(refused.getMessage().startsWith("declares a zip directory of 1073741824 bytes"), refused.getMessage());
    }

    @Test
    void refusesADirectoryOutsideTheFile() throws Exception {
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1)
                .putInt(46).putInt(1000).putShort((short) 0);
        Path file = Files.write(dir.resolve("outside.zip"), end.array());
        ZipDirectory.Unreadable refused = assertThrows(ZipDirectory.Unreadable.class, () -> ZipDirectory.names(file));
        assertEquals("has a zip directory that does not fit in the file", refused.getMessage());
    }

    @Test
    void refusesFilesWithoutAnEndRecord() throws Exception {
        Path file = Files.write(dir.resolve("text"), "PK but no more".getBytes(StandardCharsets.US_ASCII));
        ZipDirectory.Unreadable refused = assertThrows(ZipDirectory.Unreadable.class, () -> ZipDirectory.names(file));
        assertTrue(refused.getMessage().startsWith("has no zip end record"), refused.getMessage());
        assertThrows(ZipDirectory.Unreadable.class, () -> ZipDirectory.names(Files.write(dir.resolve("empty"), new byte[0])));
    }
}
