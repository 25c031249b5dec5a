package dev.voicefarm.common.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Working folders of child processes and native loaders, removed when done with. */
public final class TempFolders {

    private TempFolders() {
    }

    /** Removes the folder and what it holds; {@code null} or a folder already gone is fine. */
    public static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
