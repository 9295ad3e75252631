package dev.rlcode.core.buffer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Typed, validated access to the primitive-array state maps of buffers ({@link Replay#saveState()}). */
final class StateMaps {

    private StateMaps() {}

    static <T> T get(Map<String, ?> state, String key, Class<T> type, int length) {
        Object v = state.get(key);
        if (v == null) throw new IllegalArgumentException("replay state: missing array '" + key + "'");
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("replay state '" + key + "': expected " + type.getSimpleName()
                    + ", actual " + v.getClass().getSimpleName());
        }
        int actual = java.lang.reflect.Array.getLength(v);
        if (length >= 0 && actual != length) {
            throw new IllegalArgumentException("replay state '" + key + "': expected length " + length + ", actual "
                    + actual);
        }
        return type.cast(v);
    }

    static int scalar(Map<String, ?> state, String key, int min, int max) {
        int v = get(state, key, int[].class, 1)[0];
        if (v < min || v > max) {
            throw new IllegalArgumentException("replay state '" + key + "': expected in [" + min + ", " + max
                    + "], actual " + v);
        }
        return v;
    }

    /** Records the buffer kind and spec, so a state is never restored into a buffer of another shape. */
    static void putSpec(Map<String, Object> state, String kind, ReplaySpec spec) {
        state.put("kind", kind.getBytes(StandardCharsets.UTF_8));
        state.put("spec", new int[] {spec.capacity(), spec.obsDim(), spec.numActions(), spec.masked() ? 1 : 0,
                spec.nStep(), spec.numEnvs()});
        state.put("gamma", new double[] {spec.gamma()});
    }

    static void checkSpec(Map<String, ?> state, String kind, ReplaySpec spec) {
        String actualKind = new String(get(state, "kind", byte[].class, -1), StandardCharsets.UTF_8);
        if (!actualKind.equals(kind)) {
            throw new IllegalArgumentException("replay state kind: expected " + kind + ", actual " + actualKind);
        }
        int[] s = get(state, "spec", int[].class, 6);
        String[] names = {"capacity", "obsDim", "numActions", "masked", "nStep", "numEnvs"};
        int[] expected = {spec.capacity(), spec.obsDim(), spec.numActions(), spec.masked() ? 1 : 0, spec.nStep(),
                spec.numEnvs()};
        for (int i = 0; i < names.length; i++) {
            if (s[i] != expected[i]) {
                throw new IllegalArgumentException("replay state " + names[i] + ": expected " + expected[i]
                        + " (this buffer's spec), actual " + s[i]);
            }
        }
        double gamma = get(state, "gamma", double[].class, 1)[0];
        if (Double.compare(gamma, spec.gamma()) != 0) {
            throw new IllegalArgumentException("replay state gamma: expected " + spec.gamma() + ", actual " + gamma);
        }
    }

    /** {@return the entries of {@code state} whose keys start with {@code prefix}, with the prefix removed} */
    static Map<String, Object> sub(Map<String, ?> state, String prefix) {
        Map<String, Object> out = new java.util.HashMap<>();
        state.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
        });
        return out;
    }
}
