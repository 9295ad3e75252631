package dev.rlcode.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.core.nn.Mlp;
import dev.rlcode.core.rng.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The EJML comparison MLP computes what {@code Mlp} computes (ScalarKernels as the oracle), element by element. */
class EjmlMlpTest {

    @ParameterizedTest
    @CsvSource({"4-64-64-2, 64", "4-120-84-2, 5", "3-7-1, 1"})
    void forwardAndGradientsMatchTheScalarMlp(String layers, int batch) {
        int[] sizes = BenchData.mlpSizes(layers);
        Backend be = CpuBackend.scalar();
        Mlp mlp = new Mlp(be, sizes, batch, Rng.of(7));
        float[] x = BenchData.uniform(batch * sizes[0], 1);
        float[] g = BenchData.uniform(batch * sizes[sizes.length - 1], 2);
        float[] yRef = be.toArray(mlp.forward(be.fromArray(x), batch));
        mlp.backward(be.fromArray(g), batch);
        float[] gradRef = be.toArray(mlp.grads());

        EjmlMlp ejml = new EjmlMlp(sizes, be.toArray(mlp.params()), batch);
        FMatrixRMaj y = ejml.forward(new FMatrixRMaj(batch, sizes[0], true, x));
        ejml.backward(new FMatrixRMaj(batch, sizes[sizes.length - 1], true, g));
        float[] grad = ejml.flatGrads();

        for (int i = 0; i < yRef.length; i++) assertClose(yRef[i], y.data[i], "output " + i);
        assertEquals(gradRef.length, grad.length);
        for (int i = 0; i < grad.length; i++) assertClose(gradRef[i], grad[i], "gradient " + i);
    }

    private static void assertClose(float expected, float actual, String what) {
        float tol = 1e-4f + 1e-4f * Math.abs(expected); // summation order differs (EJML has no fma)
        assertEquals(expected, actual, tol, what);
    }
}
