package dev.voicefarm.worker.engine.gptsovits;

import dev.voicefarm.common.hash.Sha256;
import dev.voicefarm.common.io.TempFolders;
import dev.voicefarm.common.voices.GptSovitsVoice;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.worker.engine.EngineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * GPT-SoVITS voices' files on local disk, where api_v2 can read them:
 * {@code <dir>/<tenant>/<voiceId>/<version>/} with {@code gpt.ckpt}, {@code sovits.pth} and the
 * reference clip. A voice is fetched on first use and its weights checked against the SHA-256 in its
 * record, once per worker run. Above {@code maxBytes} the least recently used voices are deleted,
 * never one that is pinned: a request uses its files, or a process holds its weights.
 *
 * <p>Thread-safety: the index changes under this object's lock; a voice is fetched under its own
 * entry's lock, so two requests for one voice fetch it once and other voices are not held up.
 */
final class WeightCache {

    private static final Logger LOG = Logger.getLogger(WeightCache.class);
    /** Names that are one plain path segment: never "..", never a separator. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    /** A voice's files on disk. */
    record Cached(Path gpt, Path sovits, Path reference) {
    }

    private static final class Entry {
        final String key;
        final Path dir;
        int pins;
        long bytes;
        long lastUsed;
        boolean verified;

        Entry(String key, Path dir) {
            this.key = key;
            this.dir = dir;
        }
    }

    /** A voice's files, kept on disk until every pin on them is closed. */
    final class Pin implements AutoCloseable {
        private final Entry entry;
        private final Cached files;
        private boolean closed;

        private Pin(Entry entry, Cached files) {
            this.entry = entry;
            this.files = files;
        }

        Cached files() {
            return files;
        }

        /** Another pin on the same files, closed on its own. */
        Pin again() {
            synchronized (WeightCache.this) {
                entry.pins++;
            }
            return new Pin(entry, files);
        }

        @Override
        public void close() {
            synchronized (WeightCache.this) {
                if (!closed) {
                    closed = true;
                    entry.pins--;
                    evict();
                }
            }
        }
    }

    private final VoiceFiles source;
    private final Path dir;
    private final long maxBytes;
    private final Map<String, Entry> entries = new HashMap<>();
    private long clock;

    /** Indexes what an earlier run left in {@code dir} (oldest first out), removing half-written files. */
    WeightCache(VoiceFiles source, Path dir, long maxBytes) {
        this.source = source;
        this.dir = dir;
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> found = Files.find(dir, 3, (path, attributes) -> attributes.isDirectory()
                    && dir.relativize(path).getNameCount() == 3)) {
                found.sorted(Comparator.comparing(WeightCache::modified)).forEach(this::index);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the GPT-SoVITS cache dir " + dir, e);
        }
    }

    private void index(Path voiceDir) {
        Entry entry = new Entry(dir.relativize(voiceDir).toString().replace('\\', '/'), voiceDir);
        try (Stream<Path> files = Files.list(voiceDir)) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().endsWith(".part")) {
                    Files.deleteIfExists(file);
                } else {
                    entry.bytes += Files.size(file);
                }
            }
        } catch (IOException e) {
            return;
        }
        entry.lastUsed = ++clock;
        entries.put(entry.key, entry);
    }

    /**
     * The voice's files, fetched when missing, pinned until the pin is closed.
     *
     * @throws EngineException permanent when the voice's record or files are broken, transient when
     *                         fetching failed or the fetched weights do not match their checksum
     */
    Pin fetch(Voice voice) {
        GptSovitsVoice model = voice.gptSovits();
        String key = requireSegment(voice.tenant(), voice) + "/" + requireSegment(voice.id(), voice) + "/" + voice.version();
        requireSegment(model.referenceFile(), voice);
        Entry entry;
        synchronized (this) {
            entry = entries.computeIfAbsent(key, k -> new Entry(k, dir.resolve(k)));
            entry.pins++;
            entry.lastUsed = ++clock;
        }
        Cached files = new Cached(entry.dir.resolve(GptSovitsVoice.GPT_FILE), entry.dir.resolve(GptSovitsVoice.SOVITS_FILE),
                entry.dir.resolve(model.referenceFile()));
        Pin pin = new Pin(entry, files);
        try {
            synchronized (entry) {
                if (!entry.verified) {
                    fill(entry, voice, files);
                    entry.verified = true;
                    // Verified files no longer change: their size and the eviction it may cause are
                    // settled once, not on every sentence.
                    long bytes = size(entry.dir);
                    synchronized (this) {
                        entry.bytes = bytes;
                        evict();
                    }
                }
            }
            touch(entry.dir);
            return pin;
        } catch (RuntimeException e) {
            pin.close();
            throw e;
        }
    }

    private void fill(Entry entry, Voice voice, Cached files) {
        GptSovitsVoice model = voice.gptSovits();
        try {
            Files.createDirectories(entry.dir);
        } catch (IOException e) {
            throw new EngineException("cannot create " + entry.dir + ": " + e.getMessage(), false);
        }
        for (Wanted wanted : List.of(new Wanted(files.gpt(), model.gptSha256()), new Wanted(files.sovits(), model.sovitsSha256()),
                new Wanted(files.reference(), null))) {
            if (Files.exists(wanted.file) && matches(wanted, voice, false)) {
                continue;
            }
            download(voice, wanted.file);
            matches(wanted, voice, true);
        }
    }

    private record Wanted(Path file, String sha256) {
    }

    /**
     * Whether the file has its checksum (a file without one is taken as it is). A file from an
     * earlier run that does not match is deleted and fetched again; a fresh one that does not match
     * is deleted and the request fails transiently: the next attempt fetches it again.
     */
    private boolean matches(Wanted wanted, Voice voice, boolean fresh) {
        if (wanted.sha256 == null) {
            return true;
        }
        String actual = sha256(wanted.file);
        if (actual.equalsIgnoreCase(wanted.sha256)) {
            return true;
        }
        delete(wanted.file);
        if (fresh) {
            throw new EngineException("voice %s: the fetched %s has SHA-256 %s, its record says %s; deleted, fetched again on retry"
                    .formatted(Voice.key(voice.tenant(), voice.id()), wanted.file.getFileName(), actual, wanted.sha256), false);
        }
        LOG.infof("voice %s: cached %s does not match its SHA-256; fetching it again",
                Voice.key(voice.tenant(), voice.id()), wanted.file.getFileName());
        return false;
    }

    private void download(Voice voice, Path file) {
        String name = file.getFileName().toString();
        try {
            source.fetch(voice.tenant(), voice.id(), voice.version(), name, file);
        } catch (VoiceFiles.MissingFile e) {
            throw new EngineException("voice %s is broken: its %s is missing (%s)"
                    .formatted(Voice.key(voice.tenant(), voice.id()), name, e.getMessage()), true);
        } catch (RuntimeException e) {
            throw new EngineException("voice %s: fetching %s failed: %s"
                    .formatted(Voice.key(voice.tenant(), voice.id()), name, e.getMessage()), false);
        }
        LOG.debugf("voice %s: fetched %s", Voice.key(voice.tenant(), voice.id()), name);
    }

    /** Deletes least recently used, unpinned voices while the cache is above its size; caller holds the lock. */
    private void evict() {
        long total = entries.values().stream().mapToLong(e -> e.bytes).sum();
        while (total > maxBytes) {
            Entry oldest = entries.values().stream()
                    .filter(e -> e.pins == 0)
                    .min(Comparator.comparingLong(e -> e.lastUsed))
                    .orElse(null);
            if (oldest == null) {
                LOG.debugf("GPT-SoVITS cache holds %d bytes, above its %d, all in use", total, maxBytes);
                return;
            }
            entries.remove(oldest.key);
            TempFolders.deleteQuietly(oldest.dir);
            deleteEmptyParents(oldest.dir);
            total -= oldest.bytes;
            LOG.debugf("GPT-SoVITS cache: evicted %s (%d bytes)", oldest.key, oldest.bytes);
        }
    }

    /** Bytes of every voice's files on disk now. */
    synchronized long bytes() {
        return entries.values().stream().mapToLong(e -> e.bytes).sum();
    }

    /** The voices on disk ({@code tenant/voiceId/version}), least recently used first. */
    synchronized List<String> voices() {
        return entries.values().stream().sorted(Comparator.comparingLong(e -> e.lastUsed)).map(e -> e.key).toList();
    }

    private static String requireSegment(String name, Voice voice) {
        if (name == null || !SEGMENT.matcher(name).matches()) {
            throw new EngineException("voice %s: '%s' cannot be a file or folder name"
                    .formatted(Voice.key(voice.tenant(), voice.id()), name), true);
        }
        return name;
    }

    private static String sha256(Path file) {
        try {
            return Sha256.hex(file);
        } catch (IOException e) {
            throw new EngineException("cannot read " + file + ": " + e.getMessage(), false);
        }
    }

    private static long size(Path voiceDir) {
        try (Stream<Path> files = Files.list(voiceDir)) {
            long total = 0;
            for (Path file : files.toList()) {
                total += Files.size(file);
            }
            return total;
        } catch (IOException e) {
            return 0;
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** The folder's time orders voices across runs: the next run evicts the oldest first. */
    private static void touch(Path voiceDir) {
        try {
            Files.setLastModifiedTime(voiceDir, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // ordering across runs only
        }
    }

    /** The voice's and the tenant's folders go with their last version. */
    private void deleteEmptyParents(Path voiceDir) {
        for (Path parent = voiceDir.getParent(); parent != null && !parent.equals(dir); parent = parent.getParent()) {
            try {
                Files.delete(parent);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debugf("cannot delete %s: %s", file, e.getMessage());
        }
    }
}
