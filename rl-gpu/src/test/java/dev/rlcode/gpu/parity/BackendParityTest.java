package dev.rlcode.gpu.parity;

import dev.rlcode.core.kernel.Backend;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The parity suite ({@link Parity}) against one backend; a subclass per backend supplies it. Inputs are fresh each
 * run (seed from the clock unless {@code -Drl.parity.seed} is set); a failure message carries its case's seed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BackendParityTest {

    private Backend backend;

    /** {@return the backend under test; may abort the class with an assumption (and its reason)} */
    abstract Backend createBackend();

    @BeforeAll
    void open() {
        backend = createBackend();
    }

    @AfterAll
    void close() {
        if (backend != null) backend.close();
    }

    @TestFactory
    Stream<DynamicTest> parity() {
        long seed = Long.getLong("rl.parity.seed", System.nanoTime());
        return new Parity(seed).cases().stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> c.body().accept(backend)));
    }
}
