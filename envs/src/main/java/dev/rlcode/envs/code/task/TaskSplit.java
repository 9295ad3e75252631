package dev.rlcode.envs.code.task;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * Splits composites so that those sharing a subtask stay on one side: composites linked by shared subtasks
     * (directly or through others) form a group, the groups are ranked by the hash of their composites' ids, sorted
     * and joined by {@code +} (a composite that shares nothing: its id), and the first
     * {@code round(testFraction · groups)} are held out (at least one group on each side when there are two or
     * more and {@code 0 < testFraction < 1}). Ranking instead of a threshold gives the held-out share asked for on a
     * suite as small as the bundled one, whose 15 groups a threshold of 0.3 split 12 / 3. With {@link #tasksAround},
     * no task is on the training side of either level and also a part of a held-out composite.
     *
     * @param composites   the composites; not modified
     * @param testFraction share of held-out groups, in [0, 1]
     * @param salt         changes the assignment
     * @return the split, each part in input order
     * @throws IllegalArgumentException if {@code testFraction} is outside [0, 1]
     */
    public static TaskSplit<CompositeTask> compositesByGroup(List<CompositeTask> composites, double testFraction,
                                                             String salt) {
        Objects.requireNonNull(composites, "composites");
        Objects.requireNonNull(salt, "salt");
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("testFraction: expected in [0, 1], actual " + testFraction);
        }
        // union-find over composites, joined through every subtask id they share
        int n = composites.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        Map<String, Integer> firstWithPart = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (CodeTask t : composites.get(i).subtasks()) {
                Integer j = firstWithPart.putIfAbsent(t.id(), i);
                if (j != null) parent[root(parent, i)] = root(parent, j);
            }
        }
        Map<Integer, TreeSet<String>> members = new HashMap<>();
        for (int i = 0; i < n; i++) members.computeIfAbsent(root(parent, i), r -> new TreeSet<>()).add(composites.get(i).id());
        Map<Integer, String> key = new HashMap<>();
        members.forEach((r, ids) -> key.put(r, String.join("+", ids)));
        List<Integer> groups = new ArrayList<>(members.keySet());
        groups.sort(java.util.Comparator.comparingDouble((Integer r) -> unitHash(salt, key.get(r)))
                .thenComparing(key::get));
        int held = (int) Math.round(testFraction * groups.size());
        if (groups.size() >= 2 && testFraction > 0 && testFraction < 1) held = Math.clamp(held, 1, groups.size() - 1);
        Set<Integer> heldOut = new HashSet<>(groups.subList(0, held));
        List<CompositeTask> train = new ArrayList<>(), test = new ArrayList<>();
        for (int i = 0; i < n; i++) (heldOut.contains(root(parent, i)) ? test : train).add(composites.get(i));
        return new TaskSplit<>(train, test);
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }

    /**
     * Splits tasks around a split of the composites built of them: a subtask of a held-out composite is a test
     * task, a subtask of a training composite a training task, and every other task is split by
     * {@link #byId(List, double, String)}. So a frozen Executive trained on the training tasks never saw a part
     * of a held-out composite.
     *
     * @param tasks        the tasks; not modified
     * @param composites   the composites' split, e.g. from {@link #compositesByGroup}
     * @param testFraction expected share of held-out tasks among those in no composite, in [0, 1]
     * @param salt         salt of the split of those tasks
     * @return the split, each part in input order
     * @throws IllegalArgumentException if a task is a part of both a training and a held-out composite, or
     *                                  {@code testFraction} is outside [0, 1]
     */
    public static TaskSplit<CodeTask> tasksAround(List<CodeTask> tasks, TaskSplit<CompositeTask> composites,
                                                  double testFraction, String salt) {
        Set<String> heldOut = new HashSet<>(), trained = new HashSet<>();
        composites.test().forEach(c -> c.subtasks().forEach(t -> heldOut.add(t.id())));
        composites.train().forEach(c -> c.subtasks().forEach(t -> trained.add(t.id())));
        for (String id : heldOut) {
            if (trained.contains(id)) {
                throw new IllegalArgumentException("split: task " + id + " is a part of both a training and a "
                        + "held-out composite");
            }
        }
        TaskSplit<CodeTask> rest = byId(tasks, testFraction, salt);
        List<CodeTask> train = new ArrayList<>(), test = new ArrayList<>();
        Set<String> restTest = new HashSet<>();
        rest.test().forEach(t -> restTest.add(t.id()));
        for (CodeTask t : tasks) {
            boolean isTest = heldOut.contains(t.id()) || (!trained.contains(t.id()) && restTest.contains(t.id()));
            (isTest ? test : train).add(t);
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
