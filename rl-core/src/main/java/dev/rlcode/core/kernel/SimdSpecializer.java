package dev.rlcode.core.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.incubator.vector.VectorSpecies;

/**
 * Makes one copy of a Vector API kernel class per float species, so that each copy sees its species as a
 * {@code static final} constant.
 *
 * <p>C2 turns Vector API calls into SIMD instructions only when the species is a compile-time constant; read from
 * an instance field it boxes every vector and runs 20× slower than scalar code (measured: 1.3 vs 28 GFLOP/s for a
 * 512² gemm on AVX2). A template class (for example {@link SimdGemm}) therefore declares
 * {@code static final VectorSpecies<Float> SPECIES = SimdSpecializer.species(MethodHandles.lookup());}, and
 * {@link #instantiate} defines its bytecode again as a hidden class carrying the species as class data. Each copy
 * has its own constant, its own profiles and its own compiled code, so several widths in one JVM (the parity tests)
 * do not slow each other down. Copies are cached per template and shape.
 *
 * <p>A template is a top-level class of this package with a public no-argument constructor. It must not use
 * private members of nested classes (a hidden class has no nest mates; javac's package-private enum switch maps are
 * fine) nor lambdas, and must never be initialised directly.
 */
final class SimdSpecializer {

    private static final Map<String, Class<?>> COPIES = new ConcurrentHashMap<>();

    private SimdSpecializer() {}

    /**
     * {@return a new instance of {@code template} specialised for {@code species}, seen through {@code type}}
     *
     * @throws IllegalStateException if the template cannot be read or defined (a build problem, not a user error)
     */
    static <T> T instantiate(Class<?> template, Class<T> type, VectorSpecies<Float> species) {
        if (species.elementType() != float.class) {
            throw new IllegalArgumentException("species: expected a float species, actual " + species);
        }
        Class<?> copy = COPIES.computeIfAbsent(template.getName() + "@" + species.vectorShape(),
                key -> define(template, species));
        try {
            Object instance = MethodHandles.lookup().findConstructor(copy, MethodType.methodType(void.class))
                    .invoke();
            return type.cast(instance);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot instantiate " + template.getSimpleName() + " for " + species, e);
        }
    }

    private static Class<?> define(Class<?> template, VectorSpecies<Float> species) {
        String resource = template.getSimpleName() + ".class";
        try (InputStream in = template.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("class file " + resource + " not found");
            return MethodHandles.lookup().defineHiddenClassWithClassData(in.readAllBytes(), species, true)
                    .lookupClass();
        } catch (IOException | IllegalAccessException e) {
            throw new IllegalStateException("cannot specialise " + template.getSimpleName() + " for " + species, e);
        }
    }

    /**
     * {@return the species a specialised copy was defined with} Called from a template's static initialiser.
     *
     * @throws IllegalStateException if the class was initialised directly rather than through {@link #instantiate}
     */
    @SuppressWarnings("unchecked")
    static VectorSpecies<Float> species(MethodHandles.Lookup lookup) {
        Object data;
        try {
            data = MethodHandles.classData(lookup, ConstantDescs.DEFAULT_NAME, Object.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        if (!(data instanceof VectorSpecies<?> s)) {
            throw new IllegalStateException(lookup.lookupClass().getName()
                    + " is a template: expected it to be instantiated through SimdSpecializer, actual direct use");
        }
        return (VectorSpecies<Float>) s;
    }
}
