package dev.rlcode.envs.code.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk result cache stays under its size cap and evicts least recently used entries first. */
class ResultCacheTest {
    /** One entry is about 60 bytes ("passed " + Base64 of a number, or a 40-character reason). */
    private static final ExecutionResult RESULT = new ExecutionResult.Rejected("x".repeat(40));

    private static long folderBytes(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".result")).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void setLastUsed(Path dir, String key, long epochSecond) throws IOException {
        Files.setLastModifiedTime(dir.resolve(key + ".result"), FileTime.from(Instant.ofEpochSecond(epochSecond)));
    }

    @Test
    void folderNeverGrowsPastItsCap(@TempDir Path dir) throws IOException {
        long cap = 2048;
        var cache = new ResultCache(dir, cap);
        for (int i = 0; i < 500; i++) {
            cache.put("key" + i, RESULT);
            long bytes = folderBytes(dir);
            assertTrue(bytes <= cap, "after put " + i + ": expected folder <= " + cap + " bytes, actual " + bytes);
        }
        assertTrue(folderBytes(dir) > cap / 2, "expected eviction to keep most of the cap in use, actual "
                + folderBytes(dir) + " bytes");
        assertTrue(cache.get("key499").isPresent(), "expected the newest entry to survive");
    }

    @Test
    void leastRecentlyUsedGoFirst(@TempDir Path dir) throws IOException {
        long entry;
        var cache = new ResultCache(dir, 1 << 20);
        cache.put("probe", RESULT);
        entry = folderBytes(dir);
        Files.delete(dir.resolve("probe.result"));
        // ten entries with explicit, distinct "last used" times (no dependence on the clock's resolution)
        var keys = new ArrayList<String>();
        for (int i = 0; i < 10; i++) {
            keys.add("k" + i);
            cache.put("k" + i, RESULT);
            setLastUsed(dir, "k" + i, 1_000_000 + i);
        }
        // a cache over the same folder whose cap holds about six: opening it evicts down to 90% of the cap
        long cap = Math.max(1024, entry * 6 + entry / 2);
        if (cap == 1024) { // entries too small for a 1 KiB floor to force eviction: fill with more
            for (int i = 10; i < 40; i++) {
                keys.add("k" + i);
                cache.put("k" + i, RESULT);
                setLastUsed(dir, "k" + i, 1_000_000 + i);
            }
        }
        setLastUsed(dir, "k0", 2_000_000); // k0 was used last
        var small = new ResultCache(dir, cap);
        long bytes = folderBytes(dir);
        assertTrue(bytes <= cap * ResultCache.EVICT_TO, "expected <= " + cap * ResultCache.EVICT_TO + " bytes after "
                + "eviction, actual " + bytes);
        assertEquals(bytes, small.diskBytes(), "expected the cache's count to match the folder");
        List<String> kept = keys.stream().filter(k -> Files.exists(dir.resolve(k + ".result"))).toList();
        assertTrue(kept.contains("k0"), "expected the most recently used entry k0 to survive, kept " + kept);
        assertTrue(!kept.contains("k1"), "expected the least recently used entry k1 to go, kept " + kept);
        // survivors are exactly the most recently used ones: k0 plus the highest-numbered
        int n = kept.size();
        var expected = new ArrayList<String>(List.of("k0"));
        for (int i = keys.size() - (n - 1); i < keys.size(); i++) {
            expected.add("k" + i);
        }
        assertEquals(expected.stream().sorted().toList(), kept.stream().sorted().toList());
    }

    @Test
    void aDiskHitCountsAsAUse(@TempDir Path dir) throws IOException {
        var cache = new ResultCache(dir, 1 << 20);
        cache.put("old", RESULT);
        setLastUsed(dir, "old", 1_000_000);
        var reopened = new ResultCache(dir, 1 << 20); // empty memory: the next get reads the file
        assertEquals(RESULT, reopened.get("old").orElseThrow());
        long lastUsed = Files.getLastModifiedTime(dir.resolve("old.result")).toInstant().getEpochSecond();
        assertTrue(lastUsed > 1_000_000, "expected a disk hit to refresh the entry's last-used time, actual "
                + lastUsed);
    }

    @Test
    void capBelowOneKibIsRefused(@TempDir Path dir) {
        var e = assertThrows(IllegalArgumentException.class, () -> new ResultCache(dir, 100));
        assertTrue(e.getMessage().contains("expected >= 1024"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SandboxConfig.defaults().withCacheMaxBytes(10));
    }
}
