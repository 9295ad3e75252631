package dev.rlcode.agents.dqn;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code key=value} overrides (CLI {@code --set}, config files) to a {@link DqnConfig}, by record component
 * name, with errors that name the key and what is allowed.
 *
 * {@snippet :
 * DqnConfig c = ConfigOverrides.apply(DqnConfig.cartPole(), Map.of("learningRate", "1e-3", "hidden", "64,64"));
 * }
 */
public final class ConfigOverrides {

    private ConfigOverrides() {}

    /** {@return the names of all settable keys, in record order} */
    public static List<String> keys() {
        return Arrays.stream(DqnConfig.class.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    /** {@return the config as an ordered map of plain values (int[] as a List), e.g. for config.json} */
    public static Map<String, Object> toMap(DqnConfig config) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent rc : DqnConfig.class.getRecordComponents()) {
            Object v = read(rc, config);
            if (v instanceof int[] a) v = Arrays.stream(a).boxed().toList();
            out.put(rc.getName(), v);
        }
        return out;
    }

    /**
     * Parses {@code key=value} strings (as given to {@code --set}) into a map.
     *
     * @throws IllegalArgumentException if an entry has no '=' or an empty key
     */
    public static Map<String, Object> parseAssignments(List<String> assignments) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String s : assignments) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set " + s + ": expected key=value with a key from " + keys());
            }
            out.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
        }
        return out;
    }

    /**
     * {@return {@code base} with every entry of {@code overrides} applied} Values may be strings (parsed by the
     * component's type) or already-typed JSON/YAML values (numbers, booleans, lists of ints).
     *
     * @throws IllegalArgumentException naming the key, when the key is unknown, the value does not parse as the
     *                                  key's type, or the resulting config fails validation
     */
    public static DqnConfig apply(DqnConfig base, Map<String, ?> overrides) {
        RecordComponent[] comps = DqnConfig.class.getRecordComponents();
        Object[] values = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            values[i] = read(comps[i], base);
            types[i] = comps[i].getType();
        }
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            int idx = -1;
            for (int i = 0; i < comps.length; i++) if (comps[i].getName().equals(e.getKey())) idx = i;
            if (idx < 0) {
                throw new IllegalArgumentException("unknown config key '" + e.getKey() + "': expected one of " + keys());
            }
            values[idx] = convert(e.getKey(), types[idx], e.getValue());
        }
        try {
            return DqnConfig.class.getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException ex) {
            if (ex.getCause() instanceof IllegalArgumentException iae) throw iae;
            throw new IllegalStateException(ex.getCause());
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Object read(RecordComponent rc, DqnConfig c) {
        try {
            return rc.getAccessor().invoke(c);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object convert(String key, Class<?> type, Object raw) {
        if (raw == null) throw new IllegalArgumentException(key + ": expected a value, actual null");
        String s = raw instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : raw.toString().trim();
        try {
            if (type == long.class) return raw instanceof Number n ? exactLong(n) : parseLong(s);
            if (type == int.class) return Math.toIntExact(raw instanceof Number n ? exactLong(n) : parseLong(s));
            if (type == double.class) return raw instanceof Number n ? n.doubleValue() : Double.parseDouble(s);
            if (type == boolean.class) {
                if (raw instanceof Boolean b) return b;
                if (s.equalsIgnoreCase("true")) return true;
                if (s.equalsIgnoreCase("false")) return false;
                throw new NumberFormatException();
            }
            if (type == String.class) return s;
            if (type == int[].class) {
                String body = s.replace("[", "").replace("]", "").trim();
                if (body.isEmpty()) return new int[0];
                List<Integer> out = new ArrayList<>();
                for (String part : body.split(",")) out.add(Integer.parseInt(part.trim()));
                return out.stream().mapToInt(Integer::intValue).toArray();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(key + ": expected " + describe(type) + ", actual '" + s + "'");
        }
        throw new IllegalStateException("unsupported config type " + type + " for " + key);
    }

    /**
     * {@return {@code n} as a long, exactly} A JSON or YAML number may arrive as a BigInteger or a double beyond the
     * long range, whose {@code longValue()} wraps around or saturates.
     *
     * @throws NumberFormatException if {@code n} has a fraction or lies outside the long range
     */
    private static long exactLong(Number n) {
        try {
            return switch (n) {
                case Byte b -> b;
                case Short v -> v;
                case Integer v -> v;
                case Long v -> v;
                case java.math.BigInteger v -> v.longValueExact();
                case java.math.BigDecimal v -> v.longValueExact();
                default -> {
                    double d = n.doubleValue();
                    // 2^63 is exactly representable; every integral double below it in magnitude fits a long
                    if (!isIntegral(n) || !(Math.abs(d) < 0x1p63)) throw new NumberFormatException();
                    yield (long) d;
                }
            };
        } catch (ArithmeticException e) {
            throw new NumberFormatException();
        }
    }

    private static boolean isIntegral(Number n) {
        return !(n instanceof Double || n instanceof Float) || n.doubleValue() == Math.rint(n.doubleValue());
    }

    /** Accepts plain integers and integral scientific notation such as {@code 5e4}. */
    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            double d = Double.parseDouble(s);
            if (d != Math.rint(d) || Math.abs(d) > 9e15) throw e;
            return (long) d;
        }
    }

    private static String describe(Class<?> type) {
        if (type == long.class || type == int.class) return "an integer";
        if (type == double.class) return "a number";
        if (type == boolean.class) return "true or false";
        if (type == int[].class) return "a comma-separated list of integers, e.g. 64,64";
        return "a string";
    }
}
