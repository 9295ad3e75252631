package dev.rlcode.core.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.core.kernel.Buffer;
import dev.rlcode.core.kernel.CpuBackend;
import dev.rlcode.core.kernel.LossKind;
import dev.rlcode.core.rng.Rng;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference gradient checks of every layer, head and loss: the analytic gradient from backward must match
 * central differences (L(θ+h) − L(θ−h)) / 2h, parameter by parameter.
 */
class GradientCheckTest {

    static Stream<Backend> backends() {
        return Stream.of(CpuBackend.scalar(), CpuBackend.simd());
    }

    private static final double H = 1e-3, ATOL = 3e-3, RTOL = 2e-2;

    /** Checks every parameter of {@code params}: numeric dL/dθ against {@code analytic}. */
    private static void checkParams(Backend be, Buffer params, float[] analytic, DoubleSupplier loss, String what) {
        float[] p = be.toArray(params);
        int bad = 0;
        StringBuilder msg = new StringBuilder();
        for (int i = 0; i < p.length; i++) {
            float orig = p[i];
            be.upload(new float[] {orig + (float) H}, 0, params, i, 1);
            double up = loss.getAsDouble();
            be.upload(new float[] {orig - (float) H}, 0, params, i, 1);
            double down = loss.getAsDouble();
            be.upload(new float[] {orig}, 0, params, i, 1);
            double numeric = (up - down) / (2 * H);
            double tol = ATOL + RTOL * Math.max(Math.abs(numeric), Math.abs(analytic[i]));
            if (Math.abs(numeric - analytic[i]) > tol) {
                if (bad++ < 5) msg.append(String.format("%n  θ[%d]: analytic %.6f, numeric %.6f", i, analytic[i], numeric));
            }
        }
        assertEquals(0, bad, what + ": " + bad + " of " + p.length + " gradients off" + msg);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    private static float[] random(Rng rng, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) ((2 * rng.nextDouble() - 1) * scale);
        return x;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void mlpGradientsMatchFiniteDifferences(Backend be) {
        Rng rng = Rng.of(11);
        int batch = 5;
        Mlp net = new Mlp(be, new int[] {3, 7, 6, 2}, 8, rng);
        Buffer x = be.fromArray(random(rng, batch * 3, 1.0));
        float[] c = random(rng, batch * 2, 1.0);       // L = Σ c ⊙ y
        net.forward(x, batch);
        net.backward(be.fromArray(c), batch);
        float[] analytic = be.toArray(net.grads());
        checkParams(be, net.params(), analytic, () -> dot(c, be.toArray(net.forward(x, batch))), "Mlp " + be.name());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void singleLinearLayerGradients(Backend be) {
        Rng rng = Rng.of(12);
        int batch = 4;
        Mlp net = new Mlp(be, new int[] {5, 3}, 4, rng);
        Buffer x = be.fromArray(random(rng, batch * 5, 2.0));
        float[] c = random(rng, batch * 3, 1.0);
        net.forward(x, batch);
        net.backward(be.fromArray(c), batch);
        checkParams(be, net.params(), be.toArray(net.grads()), () -> dot(c, be.toArray(net.forward(x, batch))),
                "Linear " + be.name());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void duelingHeadGradients(Backend be) {
        Rng rng = Rng.of(13);
        int batch = 4, actions = 3;
        QNetwork q = new QNetwork(be, 4, new int[] {6}, actions, true, 8, rng);
        Buffer x = be.fromArray(random(rng, batch * 4, 1.0));
        float[] c = random(rng, batch * actions, 1.0);
        q.forward(x, batch);
        q.backward(be.fromArray(c), batch);
        checkParams(be, q.params(), be.toArray(q.grads()), () -> dot(c, be.toArray(q.forward(x, batch))),
                "dueling " + be.name());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void tdLossGradientsHuberAndMse(Backend be) {
        Rng rng = Rng.of(14);
        int batch = 6, actions = 3;
        float[] qv = random(rng, batch * actions, 3.0);
        int[] act = new int[batch];
        for (int i = 0; i < batch; i++) act[i] = rng.nextInt(actions);
        float[] targets = random(rng, batch, 3.0);
        // keep every |δ| away from the Huber kink at 1 so the central difference sees one branch
        for (int i = 0; i < batch; i++) {
            float d = qv[i * actions + act[i]] - targets[i];
            if (Math.abs(Math.abs(d) - 1) < 0.1) targets[i] += 0.3f;
        }
        float[] w = random(rng, batch, 1.0);
        for (int i = 0; i < batch; i++) w[i] = Math.abs(w[i]) + 0.1f;
        Buffer actions_ = be.allocI32(batch);
        be.upload(act, 0, actions_, 0, batch);
        Buffer tgt = be.fromArray(targets), wts = be.fromArray(w);
        Buffer grad = be.allocF32(batch * actions), td = be.allocF32(batch), loss = be.allocF32(1);
        for (LossKind kind : LossKind.values()) {
            for (Buffer weights : new Buffer[] {null, wts}) {
                Buffer q = be.fromArray(qv);
                be.kernels().tdLoss(q, actions_, tgt, weights, grad, td, loss, batch, actions, kind, 1f);
                float[] analytic = be.toArray(grad);
                checkParams(be, q, analytic, () -> {
                    be.kernels().tdLoss(q, actions_, tgt, weights, grad, td, loss, batch, actions, kind, 1f);
                    return be.toArray(loss)[0];
                }, kind + (weights == null ? "" : " weighted") + " " + be.name());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void fullQNetworkWithTdLossEndToEnd(Backend be) {
        Rng rng = Rng.of(15);
        int batch = 5, actions = 2;
        QNetwork q = new QNetwork(be, 4, new int[] {8, 8}, actions, false, 8, rng);
        Buffer x = be.fromArray(random(rng, batch * 4, 1.0));
        int[] act = {0, 1, 1, 0, 1};
        Buffer a = be.allocI32(batch);
        be.upload(act, 0, a, 0, batch);
        Buffer tgt = be.fromArray(random(rng, batch, 0.2));
        Buffer grad = be.allocF32(batch * actions), td = be.allocF32(batch), loss = be.allocF32(1);
        Buffer out = q.forward(x, batch);
        be.kernels().tdLoss(out, a, tgt, null, grad, td, loss, batch, actions, LossKind.MSE, 1f);
        q.backward(grad, batch);
        float[] analytic = be.toArray(q.grads());
        checkParams(be, q.params(), analytic, () -> {
            Buffer o = q.forward(x, batch);
            be.kernels().tdLoss(o, a, tgt, null, grad, td, loss, batch, actions, LossKind.MSE, 1f);
            return be.toArray(loss)[0];
        }, "Q+MSE " + be.name());
    }
}
