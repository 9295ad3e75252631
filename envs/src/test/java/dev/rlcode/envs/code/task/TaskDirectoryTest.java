package dev.rlcode.envs.code.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's task folder: what a demanding author may write, and what the loader must name. */
class TaskDirectoryTest {

    private static final Path BUNDLED = Path.of("src/main/resources/dev/rlcode/envs/code");

    @TempDir
    Path tmp;

    /** The two parts of comp-text-report and the composite itself, copied from the bundled suite. */
    private Path suite() throws IOException {
        Path root = tmp.resolve("suite");
        for (String id : List.of("easy-word-count", "medium-top-words")) {
            copy(BUNDLED.resolve("tasks").resolve(id), root.resolve("tasks").resolve(id));
        }
        Files.writeString(root.resolve("tasks/index.txt"), "easy-word-count\nmedium-top-words\n");
        copy(BUNDLED.resolve("composites/comp-text-report"), root.resolve("composites/comp-text-report"));
        Files.writeString(root.resolve("composites/index.txt"), "comp-text-report\n");
        return root;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName().toString()));
        }
    }

    @Test
    void aSignatureWrittenOverSeveralLinesIsOneLineInThePromptAndTheComposite() throws IOException {
        Path root = suite();
        Path json = root.resolve("tasks/easy-word-count/task.json");
        Files.writeString(json, Files.readString(json).replace("\"public static int count(String s)\"",
                "\"public static int count(\\n        String s)\""));
        TaskSuite suite = TaskSuite.load(root);
        assertTrue(suite.task("easy-word-count").declaration().contains("public static int count(String s) {"),
                suite.task("easy-word-count").declaration());
        CompositeTask c = suite.composites().getFirst();
        assertTrue(c.prompt().contains("class WordCount: public static int count(String s)"), c.prompt());
    }

    @Test
    void aReferenceThatDeclaresAnotherClassWhoseNameStartsTheSameIsNamed() throws IOException {
        Path root = suite();
        Path src = root.resolve("tasks/easy-word-count/WordCount.java");
        Files.writeString(src, Files.readString(src).replace("class WordCount", "class WordCountX"));
        TaskFormatException e = assertThrows(TaskFormatException.class, () -> TaskSuite.load(root));
        assertTrue(e.getMessage().contains("WordCount.java") && e.getMessage().contains("expected to declare class "
                + "WordCount"), e.getMessage());
        assertEquals(1, e.line());
    }
}
