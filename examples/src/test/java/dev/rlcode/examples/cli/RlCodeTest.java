package dev.rlcode.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rlcode.agents.dqn.ConfigOverrides;
import dev.rlcode.agents.dqn.DqnConfig;
import dev.rlcode.agents.dqn.DqnTrainer;
import dev.rlcode.agents.run.RunDir;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.envs.EnvRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RlCodeTest {

    /** A CartPole run of a few hundred steps with a small network: seconds, not minutes. */
    private static final List<String> TINY = List.of("--steps", "300", "--set", "learningStarts=100",
            "--set", "evalEpisodes=2", "--set", "evalFrequency=0", "--set", "hidden=16,16", "--set", "gradientSteps=4",
            "--set", "trainFrequency=16", "--set", "bufferSize=1000", "--set", "batchSize=16",
            "--set", "logFrequency=100");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {}

    static Result rlcode(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cl = RlCode.commandLine(new RlCode(false));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    static Result train(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "CartPole-v1", "--out", out.toString()));
        args.addAll(TINY);
        args.addAll(List.of(extra));
        return rlcode(args.toArray(String[]::new));
    }

    static JsonNode json(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** {@return every file under dir with its bytes, to check that nothing changed} */
    static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
        return files;
    }

    static void assertSameFiles(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
    }

    @Test
    void trainWritesConfigMetricsCheckpointAndSummary() throws IOException {
        Path out = tmp.resolve("run");
        Result r = train(out, "--seed", "7");
        assertEquals(0, r.exit(), r.err());

        JsonNode config = json(out.resolve("config.json"));
        assertEquals("CartPole-v1", config.get("envId").asText());
        assertEquals(7, config.get("seed").asLong());
        assertEquals(300, config.get("totalTimesteps").asLong());
        assertEquals(ConfigOverrides.keys(), iterableToList(config.fieldNames()));

        List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertFalse(metrics.isEmpty());
        for (String line : metrics) assertEquals("episode", JSON.readTree(line).get("type").asText());

        JsonNode summary = json(out.resolve("summary.json"));
        for (String key : List.of("env", "seed", "steps", "eval_episodes", "eval_mean_return", "eval_std_return",
                "wall_seconds", "env_steps_per_second")) {
            assertTrue(summary.has(key), "summary.json lacks " + key);
        }
        assertEquals("CartPole-v1", summary.get("env").asText());
        assertEquals(7, summary.get("seed").asLong());
        assertEquals(300, summary.get("steps").asLong());
        assertEquals(2, summary.get("eval_episodes").asInt());
        assertTrue(summary.get("eval_mean_return").asDouble() >= 1); // every CartPole step earns +1
        assertTrue(Files.isDirectory(out.resolve("checkpoints/step-000000300")));
        assertTrue(Files.readString(out.resolve("report.html")).contains("learning_curve.png"));
        assertTrue(Files.size(out.resolve("learning_curve.png")) > 0);

        assertTrue(r.out().contains("| totalTimesteps "), r.out());
        assertTrue(r.out().matches("(?s).*\\| seed +\\| 7 +\\| --seed +\\|.*"), r.out());
        assertTrue(r.out().contains("step 300/300 (100%)"), r.out());
        assertTrue(r.out().contains("| eval_mean_return "), r.out());
    }

    private static List<String> iterableToList(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void unknownSetKeyExits2NamingTheKeyAndWritesNothing() {
        Path out = tmp.resolve("run");
        Result r = train(out, "--set", "learningRat=0.01");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--set learningRat=0.01: unknown config key 'learningRat'"), r.err());
        assertTrue(r.err().contains("learningRate"), "lists the allowed keys: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "--set;learningRate=fast;learningRate: expected a number, actual 'fast'",
            "--set;hidden=64,x;hidden: expected a comma-separated list of integers",
            "--set;doubleQ=yes;doubleQ: expected true or false, actual 'yes'",
            "--set;gamma=1.5;gamma: expected in [0, 1], actual 1.5",
            "--set;envId=Acrobot-v1;envId: expected CartPole-v1",
            "--set;learningRate;expected key=value",
            "--seed;one;'--seed': 'one' is not a long",
            "--backend;gpu;expected one of [scalar, simd, cpu, opencl, cuda, auto]"})
    void badValueExits2NamingIt(String flag, String value, String message) {
        Path out = tmp.resolve("run");
        Result r = train(out, flag, value);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void trainOnTheOpenClBackendWritesASummaryNamingIt() throws IOException {
        var a = new dev.rlcode.gpu.opencl.OpenClProvider().probe();
        // CI installs PoCL, so there the OpenCL path must run; elsewhere it may be missing.
        if (!"true".equals(System.getenv("CI"))) {
            org.junit.jupiter.api.Assumptions.assumeTrue(a.available(), "OpenCL " + a);
        }
        Path out = tmp.resolve("ocl");
        Result r = train(out, "--backend", "opencl");
        assertEquals(0, r.exit(), r.err());
        JsonNode summary = json(out.resolve("summary.json"));
        assertTrue(summary.get("backend").asText().startsWith("opencl"), summary.toString());
        assertEquals(300, summary.get("steps").asInt());
        assertTrue(Double.isFinite(summary.get("eval_mean_return").asDouble()), summary.toString());
    }

    @Test
    void anUnavailableBackendExits2WithTheProbeReasonAndWritesNothing() {
        var a = new dev.rlcode.gpu.cuda.CudaProvider().probe();
        org.junit.jupiter.api.Assumptions.assumeFalse(a.available(), "a CUDA driver is present");
        Path out = tmp.resolve("cuda");
        Result r = train(out, "--backend", "cuda");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--backend cuda: backend cuda is unavailable: " + a.reason()), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void benchTimesEveryCaseOnTheCpuAndWritesTheTable() throws IOException {
        Path file = tmp.resolve("bench.md");
        Result r = rlcode("bench", "--backends", "cpu,scalar,cuda", "--max-gemm", "64", "--no-large", "--out",
                file.toString());
        assertEquals(0, r.exit(), r.err());
        String table = Files.readString(file);
        assertTrue(table.contains("| cpu-scalar"), "the scalar kernels timed beside the default ones:\n" + table);
        for (String c : List.of("gemm 64x64x64", "adam 1M params", "dqn update 4-64-64-2 b64",
                "dqn update 64-256-256-6 b256")) {
            assertTrue(table.contains("| " + c), c + " missing in\n" + table);
        }
        assertFalse(table.contains("512-1024-1024-18"), table);
        if (!new dev.rlcode.gpu.cuda.CudaProvider().probe().available()) {
            assertTrue(table.contains("skipped cuda: backend cuda is unavailable"), table);
        }
    }

    @Test
    void benchGemmKernelsTimesEachGpuKernelOnGpuBackendsOnly() throws IOException {
        boolean opencl = new dev.rlcode.gpu.opencl.OpenClProvider().probe().available();
        org.junit.jupiter.api.Assumptions.assumeTrue(opencl || "true".equals(System.getenv("CI")), "no OpenCL here");
        Path file = tmp.resolve("bench-kernels.md");
        Result r = rlcode("bench", "--backends", "cpu,opencl", "--max-gemm", "64", "--no-large", "--gemm-kernels",
                "--out", file.toString());
        assertEquals(0, r.exit(), r.err());
        String table = Files.readString(file);
        for (String kernel : List.of("tiled", "rb4", "rb8", "rb8v")) {
            assertTrue(table.lines().anyMatch(l -> l.startsWith("| gemm 64x64x64 [" + kernel + "]") && l.contains("opencl")),
                    kernel + " missing in\n" + table);
            assertFalse(table.lines().anyMatch(l -> l.contains("[" + kernel + "]") && l.contains("cpu-")),
                    "a forced GPU kernel is not timed on the CPU:\n" + table);
        }
        assertEquals(null, System.getProperty(dev.rlcode.gpu.GpuKernels.GEMM_PROPERTY), "the property is restored");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"--backends;gpu;--backends: backend: expected auto or one of",
            "--max-gemm;100;--max-gemm: expected a power of two from 64 to 16384, actual 100",
            "--max-gemm;1073741824;--max-gemm: expected a power of two from 64 to 16384, actual 1073741824",
            "--backends;',';--backends: expected at least one name, actual none",
            "--backends;cpu,scalar,cpu;--backends: expected distinct names, actual cpu,scalar,cpu",
            "--backends;cpu,simd;--backends: [cpu, simd] opens cpu-simd"})
    void benchBadFlagExits2NamingIt(String flag, String value, String message) {
        Result r = rlcode("bench", flag, value, "--no-large");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(message), r.err());
    }

    @Test
    void existingNonEmptyOutExits2AndIsLeftAlone() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        Map<String, byte[]> before = snapshot(out);
        Result r = train(out);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--out " + out + ": expected a new or empty directory"), r.err());
        assertSameFiles(before, snapshot(out));
    }

    @Test
    void configTheTrainerRejectsExits2AndLeavesNoFolder() {
        Path out = tmp.resolve("a/b/run");
        Result r = train(out, "--set", "masking=true"); // CartPole has no action masks
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("masking"), r.err());
        assertFalse(Files.exists(tmp.resolve("a")));
    }

    @Test
    void unknownEnvExits2ListingTheEnvs() {
        Result r = rlcode("train", "CartPole-v0", "--out", tmp.resolve("run").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("expected one of CartPole-v1, MountainCar-v0, Acrobot-v1, GridWorld-v0"), r.err());
        assertTrue(r.err().contains("'CartPole-v0'"), r.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "cfg.yaml;learningRate: 0.005\\nhidden: [32, 32]\\nseed: 3\\ndoubleQ: false\\n",
            "cfg.yml;learningRate: 5e-3\\nhidden: 32,32\\nseed: 3\\ndoubleQ: false\\n",
            "cfg.yaml;---\\nlearningRate: 0.005\\nhidden: [32, 32]\\nseed: 3\\ndoubleQ: false\\n---\\n",
            "cfg.json;{\"learningRate\": 0.005, \"hidden\": [32, 32], \"seed\": 3, \"doubleQ\": false}"})
    void configFileSetsKeysAndFlagsOverrideIt(String name, String content) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, content.replace("\\n", "\n"));
        Path out = tmp.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", "CartPole-v1", "--out", out.toString(),
                "--config", file.toString()));
        args.addAll(TINY.stream().map(a -> a.equals("hidden=16,16") ? "gamma=0.9" : a).toList());
        args.addAll(List.of("--seed", "5"));
        Result r = rlcode(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        JsonNode config = json(out.resolve("config.json"));
        assertEquals(0.005, config.get("learningRate").asDouble());   // file
        assertEquals("[32,32]", config.get("hidden").toString());     // file
        assertFalse(config.get("doubleQ").asBoolean());               // file
        assertEquals(5, config.get("seed").asLong());                 // --seed over the file
        assertEquals(0.9, config.get("gamma").asDouble());            // --set
        assertEquals(0.04, config.get("endE").asDouble());            // preset
        assertTrue(r.out().matches("(?s).*\\| learningRate +\\| 0\\.005 +\\| " + name + " +\\|.*"), r.out());
    }

    @Test
    void setOverridesTheConfigFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("c.yaml"), "learningRate: 0.005\n");
        Path out = tmp.resolve("run");
        Result r = train(out, "--config", file.toString(), "--set", "learningRate=0.001");
        assertEquals(0, r.exit(), r.err());
        assertEquals(0.001, json(out.resolve("config.json")).get("learningRate").asDouble());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "bad.yaml;learningRate: 0.01\\nbatchSze: 32\\n;unknown config key 'batchSze'",
            "bad.yaml;learningRate: [0.01\\n;not valid YAML at line",
            "bad.yaml;- 1\\n- 2\\n;expected a mapping of config keys",
            "bad.yaml;gamma: 0.9\\ngamma: 0.8\\n;Duplicate field 'gamma'",
            "bad.yaml;learningRate: 0.001\\n---\\nhidden: [1]\\n;expected one YAML document, actual 2",
            "bad.json;{\"gamma\": 0.9} {\"hidden\": [1]};Trailing token",
            "bad.json;{\"gamma\": 0.9,};not valid JSON at line 1",
            "bad.json;{\"gamma\": \"high\"};gamma: expected a number, actual 'high'",
            "bad.toml;gamma = 0.9;expected a .yaml, .yml or .json file"})
    void badConfigFileExits2NamingTheFile(String name, String content, String message) throws IOException {
        Path file = Files.writeString(tmp.resolve(name), content.replace("\\n", "\n"));
        Path out = tmp.resolve("run");
        Result r = train(out, "--config", file.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("rlcode train: config file " + file + ": "), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void maskingOffOnAnEnvThatRefusesIllegalActionsExits2BeforeAnyFolder() {
        Path out = tmp.resolve("gw");
        Result r = rlcode("train", "GridWorld-v0", "--steps", "200", "--set", "masking=false", "--out", out.toString());
        assertEquals(2, r.exit(), r.err() + r.out());
        assertTrue(r.err().contains("masking") && r.err().contains("IllegalActionNoOp"), r.err());
        assertFalse(Files.exists(out), "no folder for a refused run");
    }

    @Test
    void missingConfigFileExits2() {
        Path missing = tmp.resolve("nope.yaml");
        Result r = train(tmp.resolve("run"), "--config", missing.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("config file " + missing + ": no such file"), r.err());
    }

    @Test
    void evalWritesEvalJsonAndLeavesSummaryAlone() throws IOException {
        Path out = tmp.resolve("run");
        assertEquals(0, train(out).exit());
        byte[] summary = Files.readAllBytes(out.resolve("summary.json"));

        Result r = rlcode("eval", "--run", out.toString(), "--episodes", "3");
        assertEquals(0, r.exit(), r.err());
        JsonNode eval = json(out.resolve("eval.json"));
        assertEquals("final", eval.get("policy").asText());
        assertEquals(300, eval.get("checkpoint_step").asLong());
        assertEquals(3, eval.get("eval_episodes").asInt());
        assertEquals(3, eval.get("returns").size());
        double mean = 0;
        for (JsonNode x : eval.get("returns")) mean += x.asDouble() / 3;
        assertEquals(mean, eval.get("eval_mean_return").asDouble(), 1e-9);
        assertTrue(r.out().contains("mean return"), r.out());
        assertArrayEquals(summary, Files.readAllBytes(out.resolve("summary.json")));

        // Deterministic: the same run and episodes give the same returns.
        assertEquals(0, rlcode("eval", "--run", out.toString(), "--episodes", "3").exit());
        assertEquals(eval, json(out.resolve("eval.json")));
        // a count whose seeds would not fit is refused before anything runs (it overflowed into an internal error)
        Result huge = rlcode("eval", "--run", out.toString(), "--episodes", "2147483647");
        assertEquals(2, huge.exit(), huge.err());
        assertTrue(huge.err().contains("--episodes: expected 1 to 10000000, actual 2147483647"), huge.err());
    }

    @Test
    void evalOfADamagedCheckpointExits2NamingTheFileAndChangesNothing() throws IOException {
        Path out = tmp.resolve("run");
        assertEquals(0, train(out).exit());
        Path online = out.resolve("checkpoints/step-000000300/online.bin");
        byte[] bytes = Files.readAllBytes(online);
        bytes[10] ^= 1;
        Files.write(online, bytes);
        Map<String, byte[]> before = snapshot(out);

        for (String[] args : List.of(new String[] {"eval", "--run", out.toString()},
                new String[] {"resume", out.toString()})) {
            Result r = rlcode(args);
            assertEquals(2, r.exit(), args[0]);
            assertTrue(r.err().contains("step-000000300") && r.err().contains("online.bin"), r.err());
            assertTrue(r.err().contains("checksum mismatch"), r.err());
            assertSameFiles(before, snapshot(out));
        }
    }

    @Test
    void reportRebuildsTheReportAndNamesWhatIsMissing() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("no-results"));
        Result bad = rlcode("report", "--run", empty.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("summary.json"), bad.err());

        Path run = tmp.resolve("reported");
        assertEquals(0, train(run).exit());
        Files.delete(run.resolve("report.html"));
        byte[] summary = Files.readAllBytes(run.resolve("summary.json"));
        Result ok = rlcode("report", "--run", run.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(Files.isRegularFile(run.resolve("report.html")));
        assertArrayEquals(summary, Files.readAllBytes(run.resolve("summary.json")), "the run is only read");
    }

    @Test
    void evalAndResumeOfAFolderThatIsNoRunExit2() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(2, rlcode("eval", "--run", empty.toString()).exit());
        Result r = rlcode("resume", empty.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("config.json"), r.err());

        Path run = tmp.resolve("run");
        assertEquals(0, train(run).exit());
        Files.writeString(run.resolve("config.json"), "{\"gamma\": ");
        r = rlcode("eval", "--run", run.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(run.resolve("config.json") + ": not valid JSON"), r.err());
    }

    /** Bad run files and paths found by a CLI audit: each is exit 2 with one line, and nothing changes. */
    @Test
    void damagedRunFilesAndImpossiblePathsExit2WithOneLine() throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, train(run).exit());
        Map<String, byte[]> before = snapshot(run);
        List<Result> results = new java.util.ArrayList<>();

        // config.json without a key that fixes the run: no silent CartPole preset value
        Path noEnv = tmp.resolve("no-env");
        copyTree(run, noEnv);
        Map<String, Object> cfg = JSON.readValue(noEnv.resolve("config.json").toFile(), Map.class);
        cfg.remove("envId");
        JSON.writeValue(noEnv.resolve("config.json").toFile(), cfg);
        Result r = rlcode("eval", "--run", noEnv.toString());
        results.add(r);
        assertTrue(r.err().contains("[envId]"), r.err());

        // resume with totalTimesteps below the newest checkpoint's step
        Path short_ = tmp.resolve("short");
        copyTree(run, short_);
        Files.delete(short_.resolve("summary.json"));
        cfg = JSON.readValue(short_.resolve("config.json").toFile(), Map.class);
        cfg.put("totalTimesteps", 100);
        JSON.writeValue(short_.resolve("config.json").toFile(), cfg);
        Map<String, byte[]> shortBefore = snapshot(short_);
        r = rlcode("resume", short_.toString());
        results.add(r);
        assertTrue(r.err().contains("below the newest checkpoint's step 300"), r.err());
        assertSameFiles(shortBefore, snapshot(short_));

        // a run of train executive --candidates K from before resume could continue one (no 'candidates' in
        // executive.json) is refused, and says why
        Path cands = Files.createDirectories(tmp.resolve("cands").resolve("candidates"));
        Files.writeString(cands.getParent().resolve("config.json"), "{}");
        Files.writeString(cands.getParent().resolve("executive.json"), "{}");
        r = rlcode("resume", cands.getParent().toString());
        results.add(r);
        assertTrue(r.err().contains("lacks 'candidates'") && r.err().contains("new --out"), r.err());

        // --out below a regular file
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        r = train(file.resolve("sub"));
        results.add(r);
        assertTrue(r.err().contains("below the file " + file), r.err());

        // bench --out in a missing folder is refused before any timing
        r = rlcode("bench", "--backends", "cpu", "--max-gemm", "64", "--no-large", "--out",
                tmp.resolve("missing/bench.md").toString());
        results.add(r);
        assertTrue(r.err().contains("--out") && r.out().isEmpty(), r.err() + r.out());

        // a YAML config error is one line, not the parser's snippet
        Path yaml = Files.writeString(tmp.resolve("bad.yaml"), "learningRate: [1\n");
        r = train(tmp.resolve("yaml-run"), "--config", yaml.toString());
        results.add(r);

        for (Result x : results) {
            assertEquals(2, x.exit(), x.err() + x.out());
            assertEquals(1, x.err().strip().lines().count(), "one line: " + x.err());
        }
        assertSameFiles(before, snapshot(run));
    }

    /** Copies the folder {@code from} to {@code to} (a run folder, to cut back as an interruption leaves it). */
    static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }

    /** Deletes the folder {@code dir} and everything in it. */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** A run stopped as Ctrl-C stops it (requestStop) after its first checkpoint. */
    private static Path interruptedRun(Path dir, DqnConfig cfg) throws IOException {
        RunDir run = RunDir.create(dir);
        run.writeJson("config.json", ConfigOverrides.toMap(cfg));
        DqnTrainer[] trainer = new DqnTrainer[1];
        trainer[0] = new DqnTrainer(cfg, () -> EnvRegistry.make(cfg.envId()), CpuBackend.scalar(), run,
                new DqnTrainer.Listener() {
                    @Override
                    public void onEpisode(Map<String, Object> row) {
                        if (((Number) row.get("step")).longValue() >= cfg.checkpointFrequency()) trainer[0].requestStop();
                    }
                });
        assertEquals(Map.of(), trainer[0].train());
        return dir;
    }

    /** {@return a finished run (tmp/NAME-full, checkpoints every 100 steps) and a copy of it interrupted early} */
    private Path[] fullAndInterrupted(String name) throws IOException {
        Path full = tmp.resolve(name + "-full");
        assertEquals(0, train(full, "--set", "checkpointFrequency=100").exit());
        DqnConfig cfg = ConfigOverrides.apply(DqnConfig.cartPole(), JSON.readValue(
                full.resolve("config.json").toFile(), Map.class));
        return new Path[] {full, interruptedRun(tmp.resolve(name + "-cut"), cfg)};
    }

    /** A damaged metrics line is named with exit 2 (it was a stack trace, or every later line silently cut). */
    @Test
    void resumeNamesADamagedMetricsLineAndChangesNothing() throws IOException {
        Path cut = fullAndInterrupted("damaged")[1];
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(cut.resolve("metrics.jsonl")));
        assertTrue(lines.size() >= 3, "metrics: " + lines);
        for (String bad : List.of("GARBAGE{", lines.get(1).replaceFirst("\"step\":\\d+", "\"step\":\"x\""))) {
            List<String> damaged = new java.util.ArrayList<>(lines);
            damaged.set(1, bad);
            Files.write(cut.resolve("metrics.jsonl"), damaged);
            Map<String, byte[]> before = snapshot(cut);
            Result r = rlcode("resume", cut.toString());
            assertEquals(2, r.exit(), bad + ": " + r.err());
            assertTrue(r.err().contains("metrics.jsonl:2: "), r.err());
            assertSameFiles(before, snapshot(cut));
        }
    }

    @Test
    void resumeOfAnInterruptedRunCompletesAsTheUninterruptedRun() throws IOException {
        Path[] runs = fullAndInterrupted("resumed");
        Path full = runs[0], cut = runs[1];
        assertFalse(Files.exists(cut.resolve("summary.json")));
        long checkpointStep;
        try (Stream<Path> checkpoints = Files.list(cut.resolve("checkpoints"))) {
            checkpointStep = Long.parseLong(checkpoints.findFirst().orElseThrow().getFileName().toString()
                    .substring("step-".length()));
        }
        assertTrue(checkpointStep >= 100 && checkpointStep < 300, "checkpoint at " + checkpointStep);

        Result r = rlcode("resume", cut.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("resuming from"), r.out());
        JsonNode resumed = json(cut.resolve("summary.json")), uninterrupted = json(full.resolve("summary.json"));
        assertEquals(300, resumed.get("steps").asLong());
        for (String key : List.of("episodes", "updates", "eval_mean_return", "eval_std_return")) {
            assertEquals(uninterrupted.get(key), resumed.get(key), key);
        }
        assertEquals(Files.readAllLines(full.resolve("metrics.jsonl")).size(),
                Files.readAllLines(cut.resolve("metrics.jsonl")).size());

        Result again = rlcode("resume", cut.toString());
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("expected an unfinished run, actual a finished one"), again.err());
    }

    @Test
    void envsListsTheRegisteredEnvsWithSpacesAndLimits() {
        Result r = rlcode("envs");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s).*\\| CartPole-v1 +\\| Box\\(\\(4,\\)\\) +\\| Discrete\\(2\\) +\\| no +\\| 500 +\\|.*"),
                r.out());
        assertTrue(r.out().matches("(?s).*\\| MountainCar-v0 +\\| Box\\(\\(2,\\)\\) +\\| Discrete\\(3\\) +\\| no +\\| 200 +\\|.*"),
                r.out());
        assertTrue(r.out().matches("(?s).*\\| Acrobot-v1 +\\| Box\\(\\(6,\\)\\) +\\| Discrete\\(3\\) +\\| no +\\| 500 +\\|.*"),
                r.out());
        assertTrue(r.out().matches("(?s).*\\| GridWorld-v0 +\\| Box\\(0\\.0, 1\\.0, \\(36,\\)\\) +\\| Discrete\\(4\\) +\\| yes +\\| 100 +\\|.*"),
                r.out());
    }

    @Test
    void aPluginEnvOnTheClassPathIsListedTrainedAndEvaluated() throws Exception {
        // PluginEnvsForTest is named in this module's META-INF/services, as a user's plug-in jar would name theirs
        Result envs = rlcode("envs");
        assertEquals(0, envs.exit(), envs.err());
        assertTrue(envs.out().matches("(?s).*\\| test/Corridor-v0 +\\| Box\\(0\\.0, 1\\.0, \\(5,\\)\\) +\\| Discrete\\(2\\) +\\| no +\\| 20 +\\|.*"),
                envs.out());
        assertTrue(envs.out().contains("not registered: env provider " + PluginEnvsForTest.class.getName()
                + ": env \"test/Unlimited-v0\": expected an env wrapped in a TimeLimit"), envs.out());

        Path out = tmp.resolve("corridor");
        List<String> args = new ArrayList<>(List.of("train", PluginEnvsForTest.ID, "--out", out.toString()));
        args.addAll(TINY);
        Result train = rlcode(args.toArray(String[]::new));
        assertEquals(0, train.exit(), train.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(PluginEnvsForTest.ID, summary.get("env").asText());
        Result eval = rlcode("eval", "--run", out.toString(), "--episodes", "3");
        assertEquals(0, eval.exit(), eval.err());

        Result refused = rlcode("train", PluginEnvsForTest.REFUSED, "--out", tmp.resolve("x").toString());
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("env providers failed: env provider " + PluginEnvsForTest.class.getName()),
                refused.err());
    }

    @Test
    void envsCheckRunsEnvCheckerOnOneEnv() {
        Result ok = rlcode("envs", "--check", "GridWorld-v0");
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().matches("(?s).*\\| illegal-action-throws +\\| PASS +\\|.*"), ok.out());
        assertTrue(ok.out().contains("GridWorld-v0: ") && ok.out().contains(" 0 failed"), ok.out());

        Result broken = rlcode("envs", "--check", PluginEnvsForTest.NAN_REWARD);
        assertEquals(EnvsCommand.EXIT_FAILED, broken.exit(), broken.out() + broken.err());
        assertTrue(broken.out().matches("(?s).*\\| reward-finite +\\| FAIL +\\|.*"), broken.out());

        Result unknown = rlcode("envs", "--check", "Pong-v5");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--check: expected one of CartPole-v1"), unknown.err());
    }

    @Test
    void noCommandOrUnknownOptionExits2WithOneLine() {
        Result none = rlcode();
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("expected a command"), none.err());
        Result typo = rlcode("train", "CartPole-v1", "--sed", "3");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("did you mean --seed"), typo.err());
        assertEquals(1, typo.err().strip().lines().count(), typo.err());
    }

    @Test
    void trainHelpSaysWhatCtrlCDoes() {
        Result r = rlcode("train", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Ctrl-C stops training after the current step"), r.out());
        assertTrue(r.out().contains("rlcode resume DIR"), r.out());
    }
}
