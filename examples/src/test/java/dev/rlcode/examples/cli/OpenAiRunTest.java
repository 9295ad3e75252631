package dev.rlcode.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.rlcode.envs.code.task.BundledSuite;
import dev.rlcode.envs.code.task.CodeTask;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rlcode train executive --model openai} end to end, against a local OpenAI-compatible server: every answer
 * is judged in the sandbox, the run's LLM calls are recorded in {@code llm-cache/}, and a second run with the same
 * seed replays them without asking the server.
 */
@Tag("slow")
class OpenAiRunTest {

    @TempDir
    Path tmp;

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /**
     * A stand-in LLM for the suite's tasks: a first attempt (GENERATE) that does not compile, and a correct repair
     * (DEBUG, which sends the failing code and the feedback). Answers take 5 ms, as a (very fast) model would.
     */
    private String start(AtomicInteger requests) throws IOException {
        Map<String, String> solutions = new java.util.HashMap<>();
        for (CodeTask t : BundledSuite.tasks()) {
            if (ExecutiveCommandsTest.TASKS.contains(t.id())) {
                solutions.put(t.prompt(), t.referenceSolution().orElseThrow());
            }
        }
        ObjectMapper json = new ObjectMapper();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", ex -> {
            requests.incrementAndGet();
            JsonNode body = json.readTree(ex.getRequestBody());
            StringBuilder text = new StringBuilder();
            for (Iterator<JsonNode> it = body.get("messages").elements(); it.hasNext(); ) {
                text.append(it.next().get("content").asText()).append('\n');
            }
            String user = text.toString();
            String solution = solutions.entrySet().stream().filter(e -> user.contains(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            byte[] bytes;
            int status;
            if (solution == null) {
                status = 400;
                bytes = "{\"error\":{\"message\":\"unknown task\"}}".getBytes(StandardCharsets.UTF_8);
            } else {
                String code = user.contains("This code is wrong:") ? solution : solution + "\nclass Draft { int x = ; }\n";
                ObjectNode answer = json.createObjectNode();
                answer.put("object", "chat.completion");
                answer.putArray("choices").addObject().put("index", 0).putObject("message")
                        .put("role", "assistant").put("content", "```java\n" + code + "\n```");
                answer.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 50);
                status = 200;
                bytes = json.writeValueAsBytes(answer);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Test
    void trainsWithFourEnvsAgainstAnOpenAiServerAndReplaysTheRunFromItsCache() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        String url = start(requests);
        Path suite = ExecutiveCommandsTest.suite(tmp);
        Path out = tmp.resolve("run");
        List<String> args = List.of("train", "executive", "--tasks", suite.toString(), "--model", "openai",
                "--openai-url", url, "--openai-model", "stand-in", "--seed", "2", "--steps", "1000",
                "--set", "learningStarts=200", "--set", "numEnvs=4", "--eval-episodes", "20", "--test-fraction", "0.5");
        RlCodeTest.Result r = RlCodeTest.rlcode(Stream.concat(args.stream(), Stream.of("--out", out.toString()))
                .toArray(String[]::new));
        assertEquals(0, r.exit(), r.err() + r.out());
        int live = requests.get();
        assertTrue(live > 100, "the run asked the server: " + live);
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(20, s.get("episodes").asInt());
        double dqn = s.get("success_rate").asDouble();
        double random = s.get("baselines").get("random").get("success_rate").asDouble();
        // the optimum here is generate-test-debug-test-stop, the reference study's second template
        assertTrue(dqn > random, "DQN " + dqn + " vs random " + random + ": " + s);
        assertTrue(s.get("template_counts").get("generate-test-debug-test-stop").asInt() > 0, s.toString());
        try (Stream<Path> files = Files.walk(out.resolve("llm-cache"))) {
            assertTrue(files.filter(f -> f.toString().endsWith(".json")).count() > 0, "LLM answers recorded");
        }

        // the same run again, reading the first run's answers: no request, the same figures
        Path again = tmp.resolve("again");
        List<String> replayArgs = Stream.concat(args.stream(), Stream.of("--out", again.toString(), "--llm-cache",
                out.resolve("llm-cache").toString())).toList();
        RlCodeTest.Result r2 = RlCodeTest.rlcode(replayArgs.toArray(String[]::new));
        assertEquals(0, r2.exit(), r2.err() + r2.out());
        assertEquals(live, requests.get(), "a replayed run makes no request");
        JsonNode s2 = new ObjectMapper().readTree(again.resolve("summary.json").toFile());
        for (String key : List.of("success_rate", "train_episodes", "mean_llm_calls", "template_counts", "baselines")) {
            assertEquals(s.get(key), s2.get(key), key);
        }

        RlCodeTest.Result bad = RlCodeTest.rlcode("train", "executive", "--model", "synthetic", "--llm-cache",
                tmp.resolve("c").toString(), "--out", tmp.resolve("never").toString());
        assertEquals(2, bad.exit(), bad.err() + bad.out());
        assertTrue(bad.err().contains("--llm-cache: expected --model openai"), bad.err());
        assertTrue(Files.notExists(tmp.resolve("never")), "refused before any run folder exists");
    }
}
