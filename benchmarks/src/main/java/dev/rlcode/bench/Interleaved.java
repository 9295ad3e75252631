package dev.rlcode.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * Measures several implementations of one case in the same JVM, round by round, so that machine noise (other jobs
 * on a shared box, clock changes) hits all of them alike and their ratios stay meaningful.
 *
 * <p>Protocol: each candidate is warmed up alone for a while, which also calibrates how many calls one timed round
 * makes; then {@code rounds} rounds each run every candidate once, the order rotating by one per round so no
 * candidate always follows the same neighbour. Results are per-round rates; ratios are taken round by round
 * (paired) and summarised by their median.
 */
final class Interleaved {

    /** Runs {@code calls} invocations of the operation under test. */
    @FunctionalInterface
    interface Workload {
        void run(int calls);
    }

    /** One measurement of one candidate: returns one or more rates (all higher-is-better). */
    @FunctionalInterface
    interface Trial {
        double[] run() throws Exception;
    }

    /** Median, minimum and maximum of a set of per-round values. */
    record Stats(double median, double min, double max, int count) {

        static Stats of(double[] values) {
            if (values.length == 0) throw new IllegalArgumentException("stats: expected values, actual none");
            double[] v = values.clone();
            Arrays.sort(v);
            int n = v.length;
            double med = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            return new Stats(med, v[0], v[n - 1], n);
        }

        /** {@return the round-by-round ratio {@code num[r] / den[r]} summarised} */
        static Stats ratio(double[] num, double[] den) {
            double[] r = new double[num.length];
            for (int i = 0; i < r.length; i++) r[i] = num[i] / den[i];
            return of(r);
        }
    }

    private Interleaved() {}

    /**
     * Warms {@code w} up and {@return the number of calls that take about {@code roundSeconds}, at least 1}
     *
     * <p>Calls are made in batches that double until one takes a quarter of a round. Warm-up ends once
     * {@code warmupSeconds} have passed, two consecutive full-size batches agree within 15% per call, and the JIT
     * has finished no compilation for half a second; or after ten times {@code warmupSeconds} in any case. The
     * JIT condition matters: Vector API code runs hundreds of times slower before C2 compiles it, and on a loaded
     * machine C2 can take seconds, during which the slow rate looks perfectly stable.
     */
    static int calibrate(Workload w, double warmupSeconds, double roundSeconds) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitVisible = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long deadline = start + (long) (warmupSeconds * 1e9), hardDeadline = start + (long) (10 * warmupSeconds * 1e9);
        long compileTime = jitVisible ? jit.getTotalCompilationTime() : 0, lastCompile = start;
        int calls = 1, batches = 0;
        double secondsPerCall, previous = Double.NaN;
        boolean stable = false, jitQuiet = !jitVisible;
        do {
            long t0 = System.nanoTime();
            w.run(calls);
            long t1 = System.nanoTime();
            double seconds = (t1 - t0) / 1e9;
            secondsPerCall = seconds / calls;
            if (seconds < roundSeconds / 4 && calls < 1 << 28) {
                calls *= 2;
                previous = Double.NaN;
            } else {
                stable = Math.abs(secondsPerCall / previous - 1) < 0.15;
                previous = secondsPerCall;
            }
            if (jitVisible) {
                long c = jit.getTotalCompilationTime();
                if (c != compileTime) {
                    compileTime = c;
                    lastCompile = t1;
                }
                jitQuiet = t1 - lastCompile >= 500_000_000L;
            }
            batches++;
        } while (batches < 2
                || (!stable || !jitQuiet || System.nanoTime() < deadline) && System.nanoTime() < hardDeadline);
        return (int) Math.max(1, Math.min(1 << 28, Math.round(roundSeconds / secondsPerCall)));
    }

    /** {@return a trial that times {@code calls} calls of {@code w}; its rate is unitsPerCall·calls / seconds} */
    static Trial timed(Workload w, int calls, double unitsPerCall) {
        return () -> {
            long t0 = System.nanoTime();
            w.run(calls);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new double[] {unitsPerCall * calls / seconds};
        };
    }

    /**
     * Runs {@code rounds} rounds of every trial, rotating the order.
     *
     * @return {@code [candidate][metric][round]}
     */
    static double[][][] rounds(List<Trial> trials, int rounds) throws Exception {
        int n = trials.size();
        double[][][] out = new double[n][][];
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < n; j++) {
                int c = (r + j) % n;
                double[] rates = trials.get(c).run();
                if (out[c] == null) out[c] = new double[rates.length][rounds];
                for (int m = 0; m < rates.length; m++) out[c][m][r] = rates[m];
            }
        }
        return out;
    }
}
