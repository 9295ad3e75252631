package dev.rlcode.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each example's {@code main} with a tiny budget, as CleanRL's CI runs its scripts. */
class ExamplesSmokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    interface Main {
        void run(String[] args) throws Exception;
    }

    /** {@return what {@code main} printed on stdout} */
    private static String run(Main main, String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            main.run(args);
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        return out;
    }

    private static String[] tiny(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--totalTimesteps=300", "--learningStarts=100",
                "--evalEpisodes=2", "--evalFrequency=0", "--out=" + out));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static JsonNode summary(Path out, String env) throws Exception {
        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(env, s.get("env").asText());
        assertEquals(300, s.get("steps").asLong());
        assertEquals(2, s.get("eval_episodes").asInt());
        assertEquals(300, JSON.readTree(out.resolve("config.json").toFile()).get("totalTimesteps").asLong());
        assertTrue(Files.size(out.resolve("metrics.jsonl")) > 0);
        return s;
    }

    @Test
    void dqnCartPole() throws Exception {
        Path out = tmp.resolve("dqn");
        String printed = run(DqnCartPole::main, tiny(out));
        JsonNode s = summary(out, "CartPole-v1");
        assertTrue(s.get("eval_mean_return").asDouble() >= 1);
        assertTrue(printed.contains("|learningRate|2.5E-4|"), printed);   // CleanRL's default
        assertTrue(printed.contains("eval: mean return"), printed);
    }

    /**
     * DqnCartPole refuses, before any folder exists, what its loop does not do (it would record the value in
     * config.json and ignore it) and an env with action masks (its loop would take illegal actions).
     */
    @Test
    void dqnCartPoleRefusesWhatItsLoopDoesNotDo() throws Exception {
        for (String bad : List.of("--numEnvs=4", "--checkpointFrequency=500", "--evalFrequency=100",
                "--envId=GridWorld-v0", "--envId=NoSuch-v0")) {
            Path out = tmp.resolve("refused");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                    DqnCartPole.class.getName(), bad, "--totalTimesteps=300", "--out=" + out)
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(2, p.waitFor(), bad + ": " + text);
            String key = bad.substring(2, bad.indexOf('='));
            assertTrue(text.contains("error: ") && text.contains(key), bad + ": " + text);
            assertTrue(Files.notExists(out), bad + ": made " + out);
        }
    }

    @Test
    void doubleDuelingDqnCartPole() throws Exception {
        Path out = tmp.resolve("dd");
        String printed = run(DoubleDuelingDqnCartPole::main, tiny(out, "--gradientSteps=8"));
        summary(out, "CartPole-v1");
        assertTrue(printed.contains("|dueling|true|") && printed.contains("|doubleQ|true|"), printed);
        assertTrue(printed.contains("eval (final policy): mean return"), printed);
        assertTrue(Files.isDirectory(out.resolve("checkpoints/step-000000300")));
    }

    @Test
    void maskedDqnGridWorld() throws Exception {
        Path out = tmp.resolve("grid");
        String printed = run(MaskedDqnGridWorld::main, tiny(out));
        JsonNode s = summary(out, "GridWorld-v0");
        // -1 per move, 0 for the goal move, at most 100 moves: every episode returns between -100 and -9.
        assertTrue(s.get("eval_mean_return").asDouble() >= -100 && s.get("eval_mean_return").asDouble() <= -9);
        assertTrue(printed.contains("|masking|true|"), printed);
        assertTrue(printed.contains("(shortest path: 10)"), printed);
    }
}
