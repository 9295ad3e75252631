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
 * plus jitter (honouring {@code Retry-After} up to {@link OpenAiConfig#maxBackoff()}), extracts the code from the
 * first {@code ```java} fenced block (else any fenced block, else the whole text), and takes the token counts from
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

    /** {@return the settings} */
    public OpenAiConfig config() {
        return config;
    }

    @Override
    public Completion generate(GenerateRequest request) {
        return complete(Prompts.SYSTEM, Prompts.generate(request));
    }

    @Override
    public Completion repair(RepairRequest request) {
        return complete(Prompts.SYSTEM, Prompts.repair(request));
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
        return complete(Prompts.SYSTEM, Prompts.integrate(request));
    }

    private Completion complete(String system, String user) {
        Answer answer = chat(system, user);
        return new Completion(Prompts.extractCode(answer.text()), answer.tokensIn(), answer.tokensOut(),
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
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status == 200) {
                    long latency = (System.nanoTime() - start) / 1_000_000;
                    return parse(response.body(), system.length() + user.length(), latency);
                }
                if (status != 429 && status < 500) {
                    throw new CodeModelException("endpoint " + config.endpoint() + " answered HTTP " + status + ": "
                            + snippet(response.body()));
                }
                lastProblem = "answered HTTP " + status + ": " + snippet(response.body());
                retryAfter = response.headers().firstValue("Retry-After").flatMap(OpenAiCompatibleCodeModel::seconds)
                        .orElse(null);
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

    private Answer parse(String body, int promptChars, long latency) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            root = null;
        }
        JsonNode content = root == null ? null : root.path("choices").path(0).path("message").path("content");
        if (content == null || !content.isTextual()) {
            throw new CodeModelException("endpoint " + config.endpoint()
                    + " answered HTTP 200 with a body that is not a chat completion: " + snippet(body));
        }
        String text = content.asText();
        JsonNode usage = root.path("usage");
        int in = usage.path("prompt_tokens").isInt() ? usage.get("prompt_tokens").asInt() : Math.max(1, promptChars / 4);
        int out = usage.path("completion_tokens").isInt() ? usage.get("completion_tokens").asInt()
                : Math.max(1, text.length() / 4);
        return new Answer(text, in, out, latency);
    }

    private Duration backoff(int attempt, Duration retryAfter) {
        long base = config.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long millis;
        synchronized (jitter) {
            millis = base + (long) (jitter.nextDouble() * 0.5 * base);
        }
        if (retryAfter != null) {
            millis = Math.max(millis, retryAfter.toMillis());
        }
        return Duration.ofMillis(Math.min(millis, config.maxBackoff().toMillis()));
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
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
