package dev.rlcode.envs.code.retrieval;

import dev.rlcode.envs.code.task.KnowledgeNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoteIndexTest {

    static final List<KnowledgeNote> CORPUS = List.of(
            new KnowledgeNote("int-overflow", "Integer overflow in Math.abs",
                    "Math.abs(Integer.MIN_VALUE) is negative: the absolute value overflows. Use Math.absExact or long.",
                    List.of("int", "overflow")),
            new KnowledgeNote("string-reverse", "Reversing strings with StringBuilder",
                    "new StringBuilder(s).reverse() reverses UTF-16 code units but keeps surrogate pairs together.",
                    List.of("string")),
            new KnowledgeNote("list-remove", "List.remove(int) versus List.remove(Object)",
                    "On a List<Integer>, remove(1) removes the element at index 1, not the value 1. "
                            + "Use remove(Integer.valueOf(1)) to remove by value.",
                    List.of("collections")),
            new KnowledgeNote("floor-mod", "Negative modulo",
                    "In Java, -7 % 3 == -1. Math.floorMod(-7, 3) == 2 gives the mathematical remainder.",
                    List.of("arithmetic", "modulo")),
            new KnowledgeNote("empty-list", "Edge case: empty input",
                    "Many list functions must return a neutral value (0, empty Optional, empty list) for an empty input "
                            + "instead of calling get(0).",
                    List.of("edge-case")),
            new KnowledgeNote("char-digit", "Character.getNumericValue and digits",
                    "Character.isDigit accepts non-ASCII digits; c - '0' only works for ASCII digits.",
                    List.of("char")));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "why is absolute value of the minimum integer negative | int-overflow",
            "reverse a string keeping unicode surrogates | string-reverse",
            "IndexOutOfBoundsException: Index 3 out of bounds for length 3 after list.remove(value) | list-remove",
            "remainder of a negative number with % is negative | floor-mod",
            "java.lang.IndexOutOfBoundsException: Index 0 out of bounds for length 0 for an empty list | empty-list",
            "isDigit arabic-indic digits numeric value | char-digit"})
    void theRightNoteRanksFirst(String query, String expectedId) {
        try (NoteIndex index = NoteIndex.of(CORPUS)) {
            List<ScoredNote> hits = index.search(query, 3);
            assertEquals(expectedId, hits.getFirst().note().id(), () -> "hits: " + hits);
            for (int i = 1; i < hits.size(); i++) {
                assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
                assertEquals(i, hits.get(i).rank());
            }
        }
    }

    @Test
    void camelCaseIdentifiersMatchTheirWords() {
        try (NoteIndex index = NoteIndex.of(CORPUS)) {
            assertEquals("floor-mod", index.search("floorMod", 1).getFirst().note().id());
            assertEquals("list-remove", index.search("removeByValue", 1).getFirst().note().id());
        }
    }

    @Test
    void rankingIsDeterministicAndTiesKeepInsertionOrder() {
        List<KnowledgeNote> twins = List.of(
                new KnowledgeNote("b", "same words here", "identical body text", List.of()),
                new KnowledgeNote("a", "same words here", "identical body text", List.of()));
        try (NoteIndex index = NoteIndex.of(twins)) {
            List<ScoredNote> hits = index.search("identical words", 2);
            assertEquals(List.of("b", "a"), hits.stream().map(h -> h.note().id()).toList());
            assertEquals(hits.get(0).score(), hits.get(1).score());
        }
        try (NoteIndex first = NoteIndex.of(CORPUS); NoteIndex second = NoteIndex.of(CORPUS)) {
            assertEquals(first.search("list index value integer", 6), second.search("list index value integer", 6));
        }
    }

    @Test
    void fusionGivesEachQueryOneVote() {
        String prompt = "remainder of a negative number";
        // a long "code" text whose words all belong to other notes, repeated so that BM25 favours them
        String code = "StringBuilder reverse surrogate List remove index empty get isDigit char ".repeat(3);
        try (NoteIndex index = NoteIndex.of(CORPUS)) {
            List<String> concatenated = index.search(prompt + "\n" + code, 2).stream().map(h -> h.note().id()).toList();
            assertTrue(!concatenated.contains("floor-mod"), "the long text drowns the prompt: " + concatenated);
            List<ScoredNote> fused = index.searchFused(List.of(prompt, "", code), 2);
            // each query's best note scores 1/61 (prompt: floor-mod, code: string-reverse); the tie keeps
            // insertion order
            assertEquals(List.of("string-reverse", "floor-mod"), fused.stream().map(h -> h.note().id()).toList());
            for (ScoredNote h : fused) {
                assertEquals(1.0 / (NoteIndex.RRF_K + 1), h.score(), 1e-6);
            }
            assertEquals(1, fused.get(1).rank());
            assertEquals(index.search(prompt, 3).stream().map(ScoredNote::note).toList(),
                    index.searchFused(List.of(prompt), 3).stream().map(ScoredNote::note).toList(),
                    "one query: the BM25 order");
            assertEquals(List.of(), index.searchFused(List.of("", "the of"), 3));
            assertThrows(IllegalArgumentException.class, () -> index.searchFused(List.of(prompt), 0));
        }
    }

    @Test
    void queriesWithoutTermsAndLimits() {
        try (NoteIndex index = NoteIndex.of(CORPUS)) {
            assertEquals(List.of(), index.search("", 5));
            assertEquals(List.of(), index.search("the of and", 5));
            assertEquals(List.of(), index.search("zyzzyva", 5));
            assertEquals(2, index.search("list string integer", 2).size());
            assertThrows(IllegalArgumentException.class, () -> index.search("list", 0));
        }
        assertThrows(IllegalArgumentException.class, () -> NoteIndex.of(List.of(CORPUS.get(0), CORPUS.get(0))));
    }

    @Test
    void aFolderOfUserNotesIsIndexedToo(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/bitset.md"), "# BitSet tricks\n\nBitSet.nextSetBit(i) iterates set bits.\n");
        Files.writeString(dir.resolve("hashmap.txt"), "HashMap iteration order\nHashMap iteration order is unspecified.");
        Files.writeString(dir.resolve("ignored.java"), "class BitSet {}");
        try (NoteIndex index = NoteIndex.of(CORPUS, dir)) {
            assertEquals(CORPUS.size() + 2, index.size());
            ScoredNote top = index.search("iterate over set bits of a BitSet", 1).getFirst();
            assertEquals("file:sub/bitset.md", top.note().id());
            assertEquals("BitSet tricks", top.note().title());
            assertEquals("file:hashmap.txt", index.search("hashmap order", 1).getFirst().note().id());
        }
    }
}
