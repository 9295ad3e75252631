package dev.rlcode.envs.code.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads typed fields of one JSON object, throwing {@link TaskFormatException}s that name file, line and field. */
final class JsonFields {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String file;
    private final String text;
    private final int baseLine;
    private final JsonNode node;

    private JsonFields(String file, String text, int baseLine, JsonNode node) {
        this.file = file;
        this.text = text;
        this.baseLine = baseLine;
        this.node = node;
    }

    /**
     * Parses one JSON object.
     *
     * @param file     file name for messages
     * @param text     the JSON text (one JSONL row, or a whole file)
     * @param baseLine the line of {@code text}'s first line in the file (a JSONL row's line number; 1 for a file)
     */
    static JsonFields parse(String file, String text, int baseLine) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? baseLine : baseLine + Math.max(0, e.getLocation().getLineNr() - 1);
            throw new TaskFormatException(file, line, null, "invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new TaskFormatException(file, baseLine, null, "expected a JSON object, actual "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
        }
        return new JsonFields(file, text, baseLine, node);
    }

    /** {@return a required non-empty string field} */
    String string(String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw error(field, "expected a non-empty string, actual " + describe(v));
        }
        return v.asText();
    }

    /** {@return a required string field that may be empty} */
    String stringAllowEmpty(String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw error(field, "expected a string, actual " + describe(v));
        }
        return v.asText();
    }

    /** {@return an optional array of non-empty strings; empty when absent} */
    List<String> stringList(String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw error(field, "expected an array of strings, actual " + describe(v));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual() || e.asText().isBlank()) {
                throw error(field, "expected an array of non-empty strings, actual an element " + describe(e));
            }
            out.add(e.asText());
        }
        return out;
    }

    /** {@return a required enum field} */
    <E extends Enum<E>> E enumValue(String field, Class<E> type, List<E> allowed) {
        String s = string(field);
        for (E e : allowed) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        throw error(field, "expected one of " + allowed + ", actual '" + s + "'");
    }

    /** {@return an error about {@code field}, at the line where the field appears (else the object's first line)} */
    TaskFormatException error(String field, String detail) {
        return new TaskFormatException(file, lineOf(field), field, detail);
    }

    private int lineOf(String field) {
        int at = text.indexOf("\"" + field + "\"");
        if (at < 0) {
            return baseLine;
        }
        int line = baseLine;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String describe(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return v.asText().isBlank() ? "an empty string" : "'" + abbreviate(v.asText()) + "'";
        }
        return "a " + v.getNodeType().toString().toLowerCase() + " " + abbreviate(v.toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
