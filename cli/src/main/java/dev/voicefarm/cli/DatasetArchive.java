package dev.voicefarm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The zip a dataset is uploaded as: a given zip file as it is, or a directory zipped into a temporary
 * file. The zip goes to disk, file by file, rather than into memory (a dataset may be 100 MB), and is
 * sent from there because the gateway requires a body's length up front. {@link #close} removes a
 * temporary zip.
 */
final class DatasetArchive implements AutoCloseable {

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private final Path file;
    private final boolean temporary;

    private DatasetArchive(Path file, boolean temporary) {
        this.file = file;
        this.temporary = temporary;
    }

    static DatasetArchive of(Path source) {
        if (Files.isDirectory(source)) {
            return new DatasetArchive(zip(source), true);
        }
        if (!Files.isRegularFile(source)) {
            throw new CliException("invalid_dataset", source + " does not exist; give a dataset directory or zip");
        }
        if (!startsWithZipMagic(source)) {
            throw new CliException("invalid_dataset", source + " is not a zip file; give a dataset directory or zip");
        }
        return new DatasetArchive(source, false);
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        if (temporary) {
            deleteQuietly(file);
        }
    }

    /** Every regular file under {@code dir}, by its path relative to it, in a stable order. */
    private static Path zip(Path dir) {
        Path zip = null;
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            if (files.isEmpty()) {
                throw new CliException("invalid_dataset", dir + " holds no files; a dataset is metadata.csv and wavs/");
            }
            zip = Files.createTempFile("voicefarm-dataset-", ".zip");
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
                for (Path file : files) {
                    entries.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, entries);
                    entries.closeEntry();
                }
            }
            return zip;
        } catch (IOException e) {
            deleteQuietly(zip);
            throw new CliException("unreadable_file", "cannot zip " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean startsWithZipMagic(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(ZIP_MAGIC.length), ZIP_MAGIC);
        } catch (IOException e) {
            throw new CliException("unreadable_file", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file the system cleans up in time
            }
        }
    }
}
