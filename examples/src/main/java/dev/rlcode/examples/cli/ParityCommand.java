package dev.rlcode.examples.cli;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.gpu.Backends;
import dev.rlcode.gpu.parity.Parity;
import dev.rlcode.gpu.parity.ParityCase;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rlcode parity --backend NAME}: runs the kernel parity suite against a backend, one line per case, and ends
 * with {@code N passed, M failed}. Exit code 0 only when every case passes.
 */
@Command(name = "parity", mixinStandardHelpOptions = true,
        description = "Run the kernel parity suite (against the scalar oracle and a double-precision reference) on "
                + "a backend. Prints one line per case and ends with 'N passed, M failed'; exits 0 only if all pass.")
final class ParityCommand implements Callable<Integer> {

    /** Exit code when a case fails. */
    static final int EXIT_FAILED = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME", description = "auto, cpu, opencl or cuda (default: "
            + "-Drl.backend, else auto)")
    String backend;

    @Option(names = "--seed", paramLabel = "N", description = "base seed of the random inputs (default: the clock)")
    Long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String choice = backend != null ? backend : Backends.fromProperty();
        Backend be;
        try {
            be = Backends.create(choice);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException("--backend: " + e.getMessage(), e);
        }
        long s = seed != null ? seed : System.nanoTime();
        int passed = 0, failed = 0;
        try (be) {
            out.println("parity on " + be.name() + " (seed " + s + ")");
            for (ParityCase c : new Parity(s).cases()) {
                try {
                    c.body().accept(be);
                    passed++;
                    out.println("PASS " + c.name());
                } catch (AssertionError | RuntimeException e) {
                    failed++;
                    out.println("FAIL " + c.name() + ": " + e.getMessage());
                }
                out.flush();
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? RlCode.EXIT_OK : EXIT_FAILED;
    }
}
