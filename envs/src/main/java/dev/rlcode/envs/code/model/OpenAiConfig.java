package dev.rlcode.envs.code.model;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link OpenAiCompatibleCodeModel}.
 *
 * @param baseUrl        server root up to and including {@code /v1}, e.g. {@code http://127.0.0.1:11434/v1} (Ollama)
 * @param model          the {@code model} field of each request, e.g. {@code qwen2.5-coder:7b}
 * @param apiKeyEnv      name of the environment variable that holds the API key; unset or blank means no key
 * @param temperature    sampling temperature (0 = greedy)
 * @param maxTokens      {@code max_tokens} of each completion
 * @param seed           {@code seed} sent to servers that support it, and the seed of the backoff jitter
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout time allowed for one whole answer
 * @param maxAttempts    attempts per call, first included, before a 429/5xx/I/O error becomes an exception
 * @param initialBackoff wait before the second attempt; doubles per attempt, plus up to 50% jitter
 * @param maxBackoff     cap of one computed wait (a server's longer {@code Retry-After} is still honoured, up to 5 minutes)
 */
public record OpenAiConfig(URI baseUrl, String model, String apiKeyEnv, double temperature, int maxTokens, long seed,
                           Duration connectTimeout, Duration requestTimeout, int maxAttempts,
                           Duration initialBackoff, Duration maxBackoff) {

    /** Default sampling temperature of {@link #of}. */
    public static final double DEFAULT_TEMPERATURE = 0.2;
    /** Default {@code max_tokens} of {@link #of}. */
    public static final int DEFAULT_MAX_TOKENS = 1024;
    /** Default time for one whole answer of {@link #of}. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);

    /** Validates the fields. */
    public OpenAiConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("baseUrl: expected an http or https URL, actual " + baseUrl);
        }
        if (temperature < 0 || temperature > 2) {
            throw new IllegalArgumentException("temperature: expected in [0, 2], actual " + temperature);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens: expected >= 1, actual " + maxTokens);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts: expected >= 1, actual " + maxAttempts);
        }
    }

    /**
     * Defaults for a server at {@code baseUrl} serving {@code model}: key in {@code OPENAI_API_KEY}, temperature
     * 0.2, 1024 tokens, 5 s connect, 120 s per answer, 5 attempts, backoff 0.5 s doubling up to 20 s.
     *
     * @param baseUrl server root including {@code /v1}
     * @param model   model name
     * @return the config
     */
    public static OpenAiConfig of(String baseUrl, String model) {
        return new OpenAiConfig(URI.create(baseUrl), model, "OPENAI_API_KEY", DEFAULT_TEMPERATURE, DEFAULT_MAX_TOKENS,
                0, Duration.ofSeconds(5), DEFAULT_REQUEST_TIMEOUT, 5, Duration.ofMillis(500), Duration.ofSeconds(20));
    }

    /**
     * {@return a copy with other sampling settings}
     *
     * @param temperature sampling temperature, in [0, 2]
     * @param maxTokens   {@code max_tokens} of each completion, at least 1
     */
    public OpenAiConfig withSampling(double temperature, int maxTokens) {
        return new OpenAiConfig(baseUrl, model, apiKeyEnv, temperature, maxTokens, seed, connectTimeout,
                requestTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    /** {@return a copy with another seed} @param seed the {@code seed} field and the jitter's seed */
    public OpenAiConfig withSeed(long seed) {
        return new OpenAiConfig(baseUrl, model, apiKeyEnv, temperature, maxTokens, seed, connectTimeout,
                requestTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    /** {@return a copy with another timeout for one whole answer} @param timeout the timeout */
    public OpenAiConfig withRequestTimeout(Duration timeout) {
        return new OpenAiConfig(baseUrl, model, apiKeyEnv, temperature, maxTokens, seed, connectTimeout, timeout,
                maxAttempts, initialBackoff, maxBackoff);
    }

    /**
     * {@return a copy with other retry settings}
     *
     * @param attempts attempts per call
     * @param initial  first wait
     * @param max      cap of one wait
     */
    public OpenAiConfig withRetries(int attempts, Duration initial, Duration max) {
        return new OpenAiConfig(baseUrl, model, apiKeyEnv, temperature, maxTokens, seed, connectTimeout,
                requestTimeout, attempts, initial, max);
    }

    /** {@return a copy reading the API key from another environment variable} @param variable its name */
    public OpenAiConfig withApiKeyEnv(String variable) {
        return new OpenAiConfig(baseUrl, model, variable, temperature, maxTokens, seed, connectTimeout,
                requestTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    /** {@return the chat completions endpoint} */
    public URI endpoint() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
    }
}
