package dev.rlcode.envs.code.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rlcode.envs.code.task.KnowledgeNote;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleCodeModelTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final GenerateRequest GEN = new GenerateRequest("t1", "Add two ints.", "class Solution {\n    int add(int a, int b) {\n", List.of());

    interface Handler {
        void handle(HttpExchange exchange, int callNumber) throws IOException;
    }

    HttpServer server;
    final AtomicInteger calls = new AtomicInteger();
    final ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();

    OpenAiConfig start(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", ex -> {
            try (ex) {
                bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                authorizations.add(auth == null ? "" : auth);
                handler.handle(ex, calls.incrementAndGet());
            }
        });
        server.start();
        return OpenAiConfig.of("http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "stub-coder")
                .withRetries(4, Duration.ofMillis(10), Duration.ofMillis(50))
                .withRequestTimeout(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    static String chat(String content, String usage) throws IOException {
        return "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":" + JSON.writeValueAsString(content) + "},\"finish_reason\":\"stop\"}]"
                + (usage == null ? "" : ",\"usage\":" + usage) + "}";
    }

    static final String ANSWER = "Here you go:\n```java\nclass Solution {\n    int add(int a, int b) { return a + b; }\n}\n```\nDone.";

    /** usage is optional: counts that are not counts (negative) are ignored and the tokens estimated from the text. */
    @Test
    void negativeUsageCountsAreIgnoredNotFatal() throws Exception {
        OpenAiConfig config = start((ex, n) -> send(ex, 200,
                chat(ANSWER, "{\"prompt_tokens\":-5,\"completion_tokens\":-1}")));
        CodeModel model = new OpenAiCompatibleCodeModel(config, Map.of("OPENAI_API_KEY", "sk-test")::get);
        Completion c = model.repair(new RepairRequest("t1", "Add two ints.", "class Solution { }", "failed", List.of()));
        assertEquals("class Solution {\n    int add(int a, int b) { return a + b; }\n}", c.code());
        assertTrue(c.tokensIn() >= 1 && c.tokensOut() >= 1, c.tokensIn() + " / " + c.tokensOut());
    }

    @Test
    void normalAnswerExtractsCodeCountsTokensAndSendsTheRequest() throws Exception {
        OpenAiConfig config = start((ex, n) -> send(ex, 200,
                chat(ANSWER, "{\"prompt_tokens\":42,\"completion_tokens\":17,\"total_tokens\":59}")));
        CodeModel model = new OpenAiCompatibleCodeModel(config, Map.of("OPENAI_API_KEY", "sk-test")::get);
        RepairRequest repair = new RepairRequest("t1", "Add two ints.", "class Solution { int add(int a, int b) { return a - b; } }",
                "expected 3 but was -1", List.of(new KnowledgeNote("n1", "Addition", "Use + to add.", List.of())));
        Completion c = model.repair(repair);
        assertEquals("class Solution {\n    int add(int a, int b) { return a + b; }\n}", c.code());
        assertEquals(42, c.tokensIn());
        assertEquals(17, c.tokensOut());
        JsonNode sent = JSON.readTree(bodies.peek());
        assertEquals("stub-coder", sent.get("model").asText());
        assertEquals(1024, sent.get("max_tokens").asInt());
        assertEquals(0.2, sent.get("temperature").asDouble());
        assertEquals("system", sent.get("messages").get(0).get("role").asText());
        String user = sent.get("messages").get(1).get("content").asText();
        assertTrue(user.contains("expected 3 but was -1") && user.contains("return a - b") && user.contains("Use + to add."), user);
        assertEquals("Bearer sk-test", authorizations.peek());
    }

    @Test
    void noKeyMeansNoAuthorizationAndMissingUsageIsEstimated() throws Exception {
        OpenAiConfig config = start((ex, n) -> send(ex, 200, chat("class Solution {}", null)));
        Completion c = new OpenAiCompatibleCodeModel(config.withApiKeyEnv("NO_SUCH_VAR"), Map.<String, String>of()::get).generate(GEN);
        assertEquals("class Solution {}", c.code()); // no fence: the whole text
        assertEquals("", authorizations.peek());
        assertTrue(c.tokensIn() > 0 && c.tokensOut() > 0);
    }

    @Test
    void rateLimitThenSuccessIsRetried() throws Exception {
        OpenAiConfig config = start((ex, n) -> {
            if (n < 3) {
                ex.getResponseHeaders().add("Retry-After", "0");
                send(ex, n == 1 ? 429 : 503, "{\"error\":\"busy\"}");
            } else {
                send(ex, 200, chat(ANSWER, null));
            }
        });
        Completion c = new OpenAiCompatibleCodeModel(config, k -> null).generate(GEN);
        assertTrue(c.code().contains("return a + b"));
        assertEquals(3, calls.get());
    }

    @Test
    void serverErrorsBeyondTheAttemptBudgetFail() throws Exception {
        OpenAiConfig config = start((ex, n) -> send(ex, 500, "{\"error\":\"boom\"}"));
        CodeModelException e = assertThrows(CodeModelException.class,
                () -> new OpenAiCompatibleCodeModel(config, k -> null).generate(GEN));
        assertEquals(4, calls.get());
        assertTrue(e.getMessage().contains("/v1/chat/completions answered HTTP 500: {\"error\":\"boom\"}") && e.getMessage().contains("4 attempts"), e.getMessage());
    }

    @Test
    void clientErrorsAreNotRetried() throws Exception {
        OpenAiConfig config = start((ex, n) -> send(ex, 404, "{\"error\":\"model not found\"}"));
        CodeModelException e = assertThrows(CodeModelException.class,
                () -> new OpenAiCompatibleCodeModel(config, k -> null).generate(GEN));
        assertEquals(1, calls.get());
        assertTrue(e.getMessage().contains("answered HTTP 404: {\"error\":\"model not found\"}"), e.getMessage());
    }

    @Test
    void malformedJsonAndMissingChoicesAreRetriedThenClearErrors() throws Exception {
        OpenAiConfig config = start((ex, n) -> send(ex, 200, n % 2 == 1 ? "<html>gateway</html>"
                : "{\"object\":\"chat.completion\",\"choices\":[]}"));
        OpenAiCompatibleCodeModel model = new OpenAiCompatibleCodeModel(config, k -> null);
        CodeModelException garbage = assertThrows(CodeModelException.class, () -> model.generate(GEN));
        assertTrue(garbage.getMessage().matches("endpoint http://127\\.0\\.0\\.1:\\d+/v1/chat/completions answered HTTP "
                + "200 with a body that is not a chat completion: (<html>gateway</html>|\\{.*\\}) \\(4 attempts\\)"),
                garbage.getMessage());
        assertEquals(4, calls.get(), "a body cut short or an error page is asked again");
    }

    @Test
    void aCompletionWithoutTextIsAnEmptyAnswer() throws Exception {
        // a tool call, or a reasoning model that spent max_tokens thinking: content null or missing
        OpenAiConfig config = start((ex, n) -> send(ex, 200, n == 1
                ? "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[]},"
                        + "\"finish_reason\":\"tool_calls\"}]}"
                : "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"reasoning_content\":\"hmm\"},"
                        + "\"finish_reason\":\"length\"}]}"));
        OpenAiCompatibleCodeModel model = new OpenAiCompatibleCodeModel(config, k -> null);
        assertEquals("", model.generate(GEN).code());
        assertEquals("", model.generate(GEN).code());
        assertEquals(2, calls.get());
    }

    @Test
    void aBodyThatNeverEndsTimesOutAndAHugeOneIsRefused() throws Exception {
        OpenAiConfig config = start((ex, n) -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            if (n <= 2) { // headers at once, then a trickle that would take minutes
                ex.sendResponseHeaders(200, 100_000_000);
                try {
                    for (int i = 0; i < 600; i++) {
                        ex.getResponseBody().write(' ');
                        ex.getResponseBody().flush();
                        Thread.sleep(100);
                    }
                } catch (InterruptedException | IOException e) {
                    return; // the client hung up
                }
            } else { // more than the cap, as fast as it goes
                ex.sendResponseHeaders(200, 0);
                byte[] chunk = new byte[1 << 16];
                try {
                    for (int i = 0; i < 2 * OpenAiCompatibleCodeModel.MAX_BODY_BYTES / chunk.length; i++) {
                        ex.getResponseBody().write(chunk);
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
        OpenAiConfig fast = config.withRequestTimeout(Duration.ofMillis(500)).withRetries(2, Duration.ofMillis(10),
                Duration.ofMillis(10));
        OpenAiCompatibleCodeModel model = new OpenAiCompatibleCodeModel(fast, k -> null);
        long t0 = System.nanoTime();
        CodeModelException slow = assertThrows(CodeModelException.class, () -> model.generate(GEN));
        assertTrue(slow.getMessage().contains("timed out after 500 ms (2 attempts)"), slow.getMessage());
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "bounded by the request timeout, not by the body");
        CodeModelException big = assertThrows(CodeModelException.class, () -> new OpenAiCompatibleCodeModel(
                config.withRequestTimeout(Duration.ofSeconds(30)), k -> null).generate(GEN));
        assertTrue(big.getMessage().contains("answered more than " + OpenAiCompatibleCodeModel.MAX_BODY_BYTES
                + " bytes"), big.getMessage());
        assertEquals(3, calls.get(), "a huge answer is not asked again");
    }

    @Test
    void retryAfterTakesSecondsOrADate() {
        assertEquals(Duration.ofSeconds(7), OpenAiCompatibleCodeModel.retryAfter(" 7 ").orElseThrow());
        Duration d = OpenAiCompatibleCodeModel.retryAfter(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(90))).orElseThrow();
        assertTrue(d.toSeconds() > 60 && d.toSeconds() <= 90, d.toString());
        assertTrue(OpenAiCompatibleCodeModel.retryAfter("soon").isEmpty());
        assertEquals(OpenAiCompatibleCodeModel.MAX_RETRY_AFTER, OpenAiCompatibleCodeModel.retryAfter("99999999999999999")
                .orElseThrow(), "capped, and no overflow on the way to milliseconds");
    }

    @Test
    void slowAnswerTimesOut() throws Exception {
        OpenAiConfig config = start((ex, n) -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(ex, 200, chat(ANSWER, null));
        });
        OpenAiConfig fast = config.withRequestTimeout(Duration.ofMillis(200)).withRetries(2, Duration.ofMillis(10), Duration.ofMillis(10));
        long t0 = System.nanoTime();
        CodeModelException e = assertThrows(CodeModelException.class, () -> new OpenAiCompatibleCodeModel(fast, k -> null).generate(GEN));
        assertTrue(e.getMessage().contains("timed out after 200 ms (2 attempts)"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 1_400_000_000L, "the client must not wait for the slow server");
    }

    @Test
    void connectionRefusedIsReportedAsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OpenAiConfig config = OpenAiConfig.of("http://127.0.0.1:" + port + "/v1", "m").withRetries(2, Duration.ofMillis(1), Duration.ofMillis(1));
        CodeModelException e = assertThrows(CodeModelException.class, () -> new OpenAiCompatibleCodeModel(config, k -> null).generate(GEN));
        assertEquals("endpoint http://127.0.0.1:" + port + "/v1/chat/completions unreachable: connection refused (2 attempts)", e.getMessage());
    }

    @Test
    void planParsesANumberedList() throws Exception {
        OpenAiConfig config = start((ex, n) -> send(ex, 200, chat("Plan:\n1. int parse(String s): parse digits\n2) int sum(int[] a): add up\n", null)));
        Plan plan = new OpenAiCompatibleCodeModel(config, k -> null).plan(new PlanRequest("c1", "Parse and sum."));
        assertEquals(List.of(new Plan.PlannedSubtask("c1/step-1", "int parse(String s): parse digits"),
                new Plan.PlannedSubtask("c1/step-2", "int sum(int[] a): add up")), plan.subtasks());
    }

    @Test
    void theDeclarationIsSentOnce() {
        String decl = "class Solution {\n    int add(int a, int b) {\n";
        String shown = Prompts.generate(new GenerateRequest("t", "Add.\n\nImplement this class:\n\n```java\n" + decl
                + "```\n", decl, List.of()));
        assertEquals(1, shown.split(java.util.regex.Pattern.quote(decl.strip()), -1).length - 1, shown);
        String notShown = Prompts.generate(new GenerateRequest("t", "Add two ints.", decl, List.of()));
        assertTrue(notShown.contains("Complete this code:") && notShown.contains(decl.strip()), notShown);
    }

    @Test
    void codeExtractionPrefersJavaBlocks() {
        assertEquals("class A {}", Prompts.extractCode("```text\nnot this\n```\n```java\nclass A {}\n```", null));
        assertEquals("class B {}", Prompts.extractCode("```\nclass B {}\n```", null));
        assertEquals("class C {}", Prompts.extractCode("  class C {}  ", null));
        // the block that declares the task's class, the last one if several do (a draft, then the answer)
        String two = "Helper:\n```java\nclass Helper {}\n```\nMain:\n```java\nclass Solution { int a; }\n```";
        assertEquals("class Solution { int a; }", Prompts.extractCode(two, "Solution"));
        assertEquals("class Helper {}", Prompts.extractCode(two, null));
        assertEquals("class Solution { int b; }", Prompts.extractCode("```java\nclass Solution { int a; }\n```\n"
                + "Better:\n```java\nclass Solution { int b; }\n```\nUsage:\n```java\nnew Solution();\n```", "Solution"));
        // cut off at max_tokens inside the block: only the opening fence line goes
        assertEquals("class Solution {\n    int add(", Prompts.extractCode("Sure.\n```java\nclass Solution {\n    int add(",
                "Solution"));
        assertEquals("Solution", Prompts.declaredClass("import java.util.*;\npublic class Solution {"));
        assertEquals("Solution", Prompts.declaredClass("// a class of helpers\n/* class X */ class Solution {"));
    }
}
