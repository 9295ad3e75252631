package dev.rlcode.envs.code.task;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A deterministic train/test split by id: an item is in the test part when
 * {@code SHA-256(salt + ":" + id)}, read as a fraction in [0, 1), is below {@code testFraction}. The assignment of an
 * item depends only on its id and the salt, never on list order or on the other items, so adding tasks never moves
 * existing ones between parts.
 *
 * @param train the items not in the test part, in input order
 * @param test  the items in the test part, in input order
 * @param <T>   the item type
 */
public record TaskSplit<T>(List<T> train, List<T> test) {

    /** @throws NullPointerException if a list is null */
    public TaskSplit {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /**
     * Splits tasks by id.
     *
     * @param tasks        the tasks; not modified
     * @param testFraction expected share of the test part, in [0, 1]
     * @param salt         changes the assignment (use another salt for another split)
     * @return the split
     * @throws IllegalArgumentException if {@code testFraction} is outside [0, 1]
     */
    public static TaskSplit<CodeTask> byId(List<CodeTask> tasks, double testFraction, String salt) {
        return byId(tasks, CodeTask::id, testFraction, salt);
    }

    /** Like {@link #byId(List, double, String)} for any items with an id (e.g. composites). */
    public static <T> TaskSplit<T> byId(List<T> items, Function<? super T, String> id, double testFraction,
                                        String salt) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(salt, "salt");
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("testFraction: expected in [0, 1], actual " + testFraction);
        }
        List<T> train = new ArrayList<>();
        List<T> test = new ArrayList<>();
        for (T item : items) {
            (unitHash(salt, id.apply(item)) < testFraction ? test : train).add(item);
        }
        return new TaskSplit<>(train, test);
    }

    /** {@return the hash of {@code salt:id} mapped to [0, 1)} */
    static double unitHash(String salt, String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((salt + ":" + id).getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(digest).getLong() >>> 11;
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
