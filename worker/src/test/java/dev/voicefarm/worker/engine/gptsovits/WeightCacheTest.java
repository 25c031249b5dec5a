package dev.voicefarm.worker.engine.gptsovits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicefarm.common.testing.GptSovitsWeights;
import dev.voicefarm.common.voices.GptSovitsVersion;
import dev.voicefarm.common.voices.GptSovitsVoice;
import dev.voicefarm.common.voices.Voice;
import dev.voicefarm.worker.engine.EngineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightCacheTest {

    /** A voice's files are about 256 KiB (the 4 s reference clip): two fit, three do not. */
    private static final long TWO_VOICES = 600 * 1024;

    @TempDir
    Path bucket;
    @TempDir
    Path disk;

    private DirectoryVoiceFiles source() {
        return new DirectoryVoiceFiles(bucket);
    }

    @Test
    void fetchesAVoiceOnceAndHandsOutItsFiles() throws Exception {
        DirectoryVoiceFiles source = source();
        Voice voice = source.add("t", "a", GptSovitsVersion.V2, "alice", 30, "en");
        WeightCache cache = new WeightCache(source, disk, TWO_VOICES);
        try (WeightCache.Pin first = cache.fetch(voice); WeightCache.Pin second = cache.fetch(voice)) {
            assertEquals(second.files(), first.files());
            assertArrayEquals(GptSovitsWeights.gpt("alice"), Files.readAllBytes(first.files().gpt()));
            assertTrue(first.files().reference().endsWith(Path.of("t", "a", "1", "reference.wav")));
        }
        assertEquals(List.of("t/a/gpt.ckpt", "t/a/sovits.pth", "t/a/reference.wav"), source.fetched);
    }

    @Test
    void weightsThatDoNotMatchTheirChecksumAreDeletedAndTheFailureIsTransient() {
        DirectoryVoiceFiles source = source();
        Voice voice = source.add("t", "a", GptSovitsVersion.V2, "alice", 30, "en");
        source.write("t", "a", GptSovitsVoice.SOVITS_FILE, GptSovitsWeights.sovits(GptSovitsVersion.V2, "mallory", 30));
        WeightCache cache = new WeightCache(source, disk, TWO_VOICES);
        EngineException e = assertThrows(EngineException.class, () -> cache.fetch(voice));
        assertFalse(e.permanent());
        assertTrue(e.getMessage().contains("sovits.pth") && e.getMessage().contains("t/a"), e.getMessage());
        assertFalse(Files.exists(disk.resolve("t/a/1/sovits.pth")));
    }

    @Test
    void aCachedFileDamagedSinceAnEarlierRunIsFetchedAgain() throws Exception {
        DirectoryVoiceFiles source = source();
        Voice voice = source.add("t", "a", GptSovitsVersion.V2, "alice", 30, "en");
        new WeightCache(source, disk, TWO_VOICES).fetch(voice).close();
        Files.write(disk.resolve("t/a/1/gpt.ckpt"), new byte[] {1, 2, 3});
        source.fetched.clear();
        try (WeightCache.Pin pin = new WeightCache(source, disk, TWO_VOICES).fetch(voice)) {
            assertArrayEquals(GptSovitsWeights.gpt("alice"), Files.readAllBytes(pin.files().gpt()));
        }
        assertEquals(List.of("t/a/gpt.ckpt"), source.fetched);
    }

    @Test
    void evictsTheLeastRecentlyUsedVoiceAboveItsSize() {
        DirectoryVoiceFiles source = source();
        Voice a = source.add("t", "a", GptSovitsVersion.V2, "alice", 30, "en");
        Voice b = source.add("t", "b", GptSovitsVersion.V2, "bob", 60, "en");
        Voice c = source.add("t", "c", GptSovitsVersion.V2, "carol", 80, "en");
        WeightCache cache = new WeightCache(source, disk, TWO_VOICES);
        cache.fetch(a).close();
        cache.fetch(b).close();
        cache.fetch(a).close();
        cache.fetch(c).close();
        assertEquals(List.of("t/a/1", "t/c/1"), cache.voices());
        assertFalse(Files.exists(disk.resolve("t/b")), "b's files are deleted");
        assertTrue(cache.bytes() <= TWO_VOICES);
    }

    @Test
    void neverEvictsAPinnedVoice() {
        DirectoryVoiceFiles source = source();
        Voice a = source.add("t", "a", GptSovitsVersion.V2, "alice", 30, "en");
        Voice b = source.add("t", "b", GptSovitsVersion.V2, "bob", 60, "en");
        Voice c = source.add("t", "c", GptSovitsVersion.V2, "carol", 80, "en");
        WeightCache cache = new WeightCache(source, disk, TWO_VOICES);
        WeightCache.Pin held = cache.fetch(a);
        WeightCache.Pin heldAgain = held.again();
        held.close();
        cache.fetch(b).close();
        cache.fetch(c).close();
        assertEquals(List.of("t/a/1", "t/c/1"), cache.voices(), "a is still pinned by its second pin");
        heldAgain.close();
        cache.fetch(b).close();
        assertEquals(List.of("t/c/1", "t/b/1"), cache.voices());
    }

    @Test
    void remembersWhatAnEarlierRunLeftAndRemovesHalfWrittenFiles() throws Exception {
        DirectoryVoiceFiles source = source();
        Voice a = source.add("t", "a", GptSovitsVersion.V2, "alice", 30, "en");
        new WeightCache(source, disk, TWO_VOICES).fetch(a).close();
        Files.write(disk.resolve("t/a/1/sovits.pth.part"), new byte[10]);
        WeightCache next = new WeightCache(source, disk, TWO_VOICES);
        assertEquals(List.of("t/a/1"), next.voices());
        assertTrue(next.bytes() > 250_000);
        assertFalse(Files.exists(disk.resolve("t/a/1/sovits.pth.part")));
    }

    @Test
    void aMissingFileIsABrokenVoice() throws Exception {
        DirectoryVoiceFiles source = source();
        Voice voice = source.add("t", "a", GptSovitsVersion.V2, "alice", 30, "en");
        Files.delete(bucket.resolve("t/voices/a/1/reference.wav"));
        EngineException e = assertThrows(EngineException.class, () -> new WeightCache(source, disk, TWO_VOICES).fetch(voice));
        assertTrue(e.permanent());
        assertTrue(e.getMessage().contains("reference.wav is missing"), e.getMessage());
    }

    @Test
    void namesThatAreNotPlainFileNamesAreRefused() {
        DirectoryVoiceFiles source = source();
        Voice voice = source.add("t", "a", GptSovitsVersion.V2, "alice", 30, "en");
        Voice escaping = new Voice("..", "t", "x", "en", 1, voice.createdAt(), null, null, 32000, 0, 0, null,
                voice.family(), voice.gptSovits());
        EngineException e = assertThrows(EngineException.class, () -> new WeightCache(source, disk, TWO_VOICES).fetch(escaping));
        assertTrue(e.permanent());
    }
}
