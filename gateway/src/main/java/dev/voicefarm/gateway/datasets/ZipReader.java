package dev.voicefarm.gateway.datasets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Walks a zip archive held in memory without trusting it. Limits count the bytes actually
 * inflated, never the sizes an entry's header declares, so a zip bomb stops at the first byte over
 * a limit. Entry names that could escape a folder when extracted (absolute, {@code ..} segments,
 * backslashes) and repeated names are reported and their content is not handed on.
 */
final class ZipReader {

    static final long MB = 1024 * 1024;

    /** @param maxEntries entries of any kind, folders included */
    record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {
        static final Limits DEFAULT = new Limits(2000, 50 * MB, 250 * MB);
    }

    private static final byte[] LOCAL_HEADER = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ARCHIVE = {'P', 'K', 5, 6};
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private final Limits limits;

    ZipReader(Limits limits) {
        this.limits = limits;
    }

    /**
     * Reads every entry. Files whose (safe) name {@code wanted} accepts go to {@code handler} with
     * their content; all others are inflated and dropped, so they still count against the limits.
     *
     * @throws dev.voicefarm.gateway.api.ApiException 400 when the bytes are not a readable zip or break a limit
     */
    void read(byte[] zip, Predicate<String> wanted, BiConsumer<String, byte[]> handler, Problems problems) {
        if (!startsWith(zip, LOCAL_HEADER)) {
            throw Problems.fatal(startsWith(zip, EMPTY_ARCHIVE)
                    ? "the zip archive is empty"
                    : "the request body is not a zip archive; send the dataset as a .zip file");
        }
        Set<String> seen = new HashSet<>();
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > limits.maxEntries()) {
                    throw Problems.fatal("the zip has more than " + limits.maxEntries() + " entries");
                }
                String name = entry.getName();
                boolean usable = true;
                Optional<String> unsafe = unsafe(name);
                if (unsafe.isPresent()) {
                    problems.add("entry '" + name + "': " + unsafe.get());
                    usable = false;
                }
                if (!seen.add(name)) {
                    problems.add("entry '" + name + "' appears more than once");
                    usable = false;
                }
                boolean keep = usable && !entry.isDirectory() && wanted.test(name);
                ByteArrayOutputStream content = keep ? new ByteArrayOutputStream() : null;
                long size = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    size += n;
                    total += n;
                    if (size > limits.maxEntryBytes()) {
                        throw Problems.fatal("entry '" + name + "' unpacks to more than " + megabytes(limits.maxEntryBytes())
                                + "; each file may hold at most that");
                    }
                    if (total > limits.maxTotalBytes()) {
                        throw Problems.fatal("the zip unpacks to more than " + megabytes(limits.maxTotalBytes())
                                + " in total");
                    }
                    if (content != null) {
                        content.write(buffer, 0, n);
                    }
                }
                if (content != null) {
                    handler.accept(name, content.toByteArray());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // ZipException (corrupt, encrypted, truncated), EOFException, or an entry name that is not UTF-8.
            throw Problems.fatal("the zip archive cannot be read: " + e.getMessage());
        }
        if (entries == 0) {
            throw Problems.fatal("the zip archive has no entries");
        }
    }

    /** Why a name could escape the folder it is extracted to, if it could. */
    static Optional<String> unsafe(String name) {
        if (name.isEmpty()) {
            return Optional.of("empty names are not allowed");
        }
        if (name.indexOf('\\') >= 0) {
            return Optional.of("backslashes are not allowed in names; use '/'");
        }
        if (name.startsWith("/") || DRIVE.matcher(name).matches()) {
            return Optional.of("absolute paths are not allowed");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return Optional.of("'..' segments are not allowed");
            }
        }
        return Optional.empty();
    }

    private static String megabytes(long bytes) {
        return bytes % MB == 0 ? bytes / MB + " MB" : bytes + " bytes";
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
