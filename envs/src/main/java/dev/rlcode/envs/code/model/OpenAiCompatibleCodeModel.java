package dev.rlcode.envs.code.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A {@link CodeModel} backed by any server that speaks OpenAI's {@code POST /v1/chat/completions}: Ollama, vLLM,
 * llama.cpp server, OpenAI.
 *
 * <p>Each call sends a system and a user message, retries on HTTP 429, 5xx and I/O errors with exponential backoff
 * plus jitter (capped at {@link OpenAiConfig#maxBackoff()}; a server's {@code Retry-After} is honoured even when longer,
 * up to {@link #MAX_RETRY_AFTER}), extracts the code as {@link Prompts#extractCode} says (the last {@code ```java}
 * block that declares the task's class, else the first {@code java} block, else any fenced block, else the whole
 * text), and takes the token counts from
 * {@code usage} (estimated as characters / 4 when the server omits it). Thread-safe.
 *
 * {@snippet :
 * CodeModel model = new OpenAiCompatibleCodeModel(OpenAiConfig.of("http://127.0.0.1:11434/v1", "qwen2.5-coder:7b"));
 * }
 */
public final class OpenAiCompatibleCodeModel implements CodeModel {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SNIPPET = 200;

    private final OpenAiConfig config;
    private final HttpClient http;
    private final Optional<String> apiKey;
    private final RandomGenerator jitter;

    /**
     * A client reading its API key from the process environment.
     *
     * @param config the settings
     */
    public OpenAiCompatibleCodeModel(OpenAiConfig config) {
        this(config, System::getenv);
    }

    /**
     * A client reading its API key through {@code env} (tests pass a map lookup).
     *
     * @param config the settings
     * @param env    environment lookup: variable name to value or {@code null}
     */
    public OpenAiCompatibleCodeModel(OpenAiConfig config, Function<String, String> env) {
        this.config = Objects.requireNonNull(config, "config");
        this.apiKey = Optional.ofNullable(env.apply(config.apiKeyEnv())).filter(k -> !k.isBlank());
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        this.jitter = RandomGeneratorFactory.of("L64X128MixRandom").create(config.seed());
    }

    /** {@return a short hash of the prompts this client sends} (for an answer cache's namespace) */
    public static String promptsFingerprint() {
        return Prompts.fingerprint();
    }

    /** {@return the settings} */
    public OpenAiConfig config() {
        return config;
    }

    @Override
    public Completion generate(GenerateRequest request) {
        return complete(Prompts.SYSTEM, Prompts.generate(request), Prompts.declaredClass(request.declaration()));
    }

    @Override
    public Completion repair(RepairRequest request) {
        return complete(Prompts.SYSTEM, Prompts.repair(request), Prompts.declaredClass(request.code()));
    }

    @Override
    public Plan plan(PlanRequest request) {
        Answer answer = chat(Prompts.PLAN_SYSTEM, Prompts.plan(request));
        List<String> items = Prompts.parseList(answer.text());
        if (items.isEmpty()) {
            throw new CodeModelException("endpoint " + config.endpoint() + " answered an empty plan");
        }
        List<Plan.PlannedSubtask> subtasks = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            subtasks.add(new Plan.PlannedSubtask(request.taskId() + "/step-" + (i + 1), items.get(i)));
        }
        return new Plan(subtasks, answer.tokensIn(), answer.tokensOut(), answer.latencyMillis());
    }

    @Override
    public Completion integrate(IntegrateRequest request) {
        return complete(Prompts.SYSTEM, Prompts.integrate(request), null);
    }

    private Completion complete(String system, String user, String expectedClass) {
        Answer answer = chat(system, user);
        return new Completion(Prompts.extractCode(answer.text(), expectedClass), answer.tokensIn(), answer.tokensOut(),
                answer.latencyMillis());
    }

    private record Answer(String text, int tokensIn, int tokensOut, long latencyMillis) {
    }

    private Answer chat(String system, String user) {
        String body = requestBody(system, user);
        HttpRequest.Builder builder = HttpRequest.newBuilder(config.endpoint())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        apiKey.ifPresent(k -> builder.header("Authorization", "Bearer " + k));
        HttpRequest request = builder.build();
        long start = System.nanoTime();
        String lastProblem = "";
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            Duration retryAfter = null;
            try {
                HttpResponse<byte[]> response = send(request);
                int status = response.statusCode();
                String text = new String(response.body(), StandardCharsets.UTF_8);
                if (status == 200) {
                    long latency = (System.nanoTime() - start) / 1_000_000;
                    Answer answer = parse(text, system.length() + user.length(), latency);
                    if (answer != null) {
                        return answer;
                    }
                    // a body cut short by a proxy, or an error page with status 200: asked again
                    lastProblem = "answered HTTP 200 with a body that is not a chat completion: " + snippet(text);
                } else if (status != 408 && status != 429 && status < 500) {
                    throw new CodeModelException("endpoint " + config.endpoint() + " answered HTTP " + status + ": "
                            + snippet(text) + (status == 401 || status == 403 ? " (the API key is read from the "
                            + "environment variable " + config.apiKeyEnv() + ")" : ""));
                } else {
                    lastProblem = "answered HTTP " + status + ": " + snippet(text);
                    retryAfter = response.headers().firstValue("Retry-After")
                            .flatMap(OpenAiCompatibleCodeModel::retryAfter).orElse(null);
                }
            } catch (HttpTimeoutException e) {
                lastProblem = "timed out after " + config.requestTimeout().toMillis() + " ms";
            } catch (ConnectException e) {
                lastProblem = "unreachable: connection refused";
            } catch (IOException e) {
                lastProblem = "unreachable: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CodeModelException("interrupted while calling " + config.endpoint(), e);
            }
            if (attempt < config.maxAttempts()) {
                sleep(backoff(attempt, retryAfter));
            }
        }
        throw new CodeModelException("endpoint " + config.endpoint() + " " + lastProblem + " (" + config.maxAttempts()
                + (config.maxAttempts() == 1 ? " attempt)" : " attempts)"));
    }

    /** The most bytes one answer may take: {@code max_tokens} of code is a few KiB; more is a broken server. */
    static final int MAX_BODY_BYTES = 4 << 20;

    /**
     * Sends one request and reads the whole answer within the request timeout ({@link HttpRequest#timeout} only
     * bounds the wait for the headers: a server that sent them and then trickles or streams the body would hold
     * the run forever) and within {@link #MAX_BODY_BYTES} (refused without another attempt).
     */
    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        var body = new CappedBody(MAX_BODY_BYTES);
        var future = http.sendAsync(request, info -> body);
        try {
            return future.get(config.requestTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            body.abandon();
            future.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + config.requestTimeout().toMillis() + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof BodyTooLarge) {
                throw new CodeModelException("endpoint " + config.endpoint() + " answered more than " + MAX_BODY_BYTES
                        + " bytes (max_tokens is " + config.maxTokens() + "): not asked again");
            }
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException(c);
        } catch (InterruptedException e) {
            body.abandon();
            future.cancel(true);
            throw e;
        }
    }

    private static final class BodyTooLarge extends IOException {
        BodyTooLarge(int limit) {
            super("answer larger than " + limit + " bytes");
        }
    }

    /** Collects a response body up to a limit; past it, or once abandoned, it cancels the exchange. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private final java.util.concurrent.CompletableFuture<byte[]> result =
                new java.util.concurrent.CompletableFuture<>();
        private volatile java.util.concurrent.Flow.Subscription subscription;
        private volatile boolean abandoned;

        CappedBody(int limit) {
            this.limit = limit;
        }

        void abandon() {
            abandoned = true;
            var s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            subscription = s;
            if (abandoned) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<java.nio.ByteBuffer> items) {
            if (abandoned || result.isDone()) {
                return;
            }
            for (var b : items) {
                if (bytes.size() + b.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLarge(limit));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }

    private String requestBody(String system, String user) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", config.model());
        root.put("temperature", config.temperature());
        root.put("max_tokens", config.maxTokens());
        root.put("seed", config.seed());
        root.put("stream", false);
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", user);
        return root.toString();
    }

    /**
     * {@return the answer in a chat completion body, or null if the body is not one} A completion whose message
     * has no text ({@code content} null or missing: a tool call, or a reasoning model that spent its tokens
     * thinking) is an empty answer, which fails its tests like any wrong code.
     */
    private Answer parse(String body, int promptChars, long latency) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
        JsonNode message = root == null ? null : root.path("choices").path(0).path("message");
        if (message == null || !message.isObject()) {
            return null;
        }
        JsonNode content = message.path("content");
        if (!content.isTextual() && !content.isNull() && !content.isMissingNode()) {
            return null;
        }
        String text = content.isTextual() ? content.asText() : "";
        JsonNode usage = root.path("usage");
        // usage is optional (estimated from the text without it); a count that is not one (negative) is ignored too
        JsonNode inNode = usage.path("prompt_tokens"), outNode = usage.path("completion_tokens");
        int in = inNode.isInt() && inNode.asInt() >= 0 ? inNode.asInt() : Math.max(1, promptChars / 4);
        int out = outNode.isInt() && outNode.asInt() >= 0 ? outNode.asInt() : Math.max(1, text.length() / 4);
        return new Answer(text, in, out, latency);
    }

    private Duration backoff(int attempt, Duration retryAfter) {
        long base = config.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long millis;
        synchronized (jitter) {
            millis = base + (long) (jitter.nextDouble() * 0.5 * base);
        }
        millis = Math.min(millis, config.maxBackoff().toMillis());
        if (retryAfter != null) { // the server's own word, up to MAX_RETRY_AFTER
            millis = Math.max(millis, Math.min(retryAfter.toMillis(), MAX_RETRY_AFTER.toMillis()));
        }
        return Duration.ofMillis(millis);
    }

    /** The longest {@code Retry-After} honoured. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    /** {@return a {@code Retry-After} header's wait (seconds, or an HTTP date), at most {@link #MAX_RETRY_AFTER}} */
    static Optional<Duration> retryAfter(String header) {
        String h = header.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.clamp(Long.parseLong(h), 0, MAX_RETRY_AFTER.toSeconds())));
        } catch (NumberFormatException e) {
            try {
                var when = java.time.ZonedDateTime.parse(h, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(java.time.Instant.now(), when.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO
                        : d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
            } catch (java.time.format.DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodeModelException("interrupted while backing off", e);
        }
    }

    private static String snippet(String body) {
        String s = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return s.isEmpty() ? "(empty body)" : s.length() <= SNIPPET ? s : s.substring(0, SNIPPET) + "…";
    }
}
