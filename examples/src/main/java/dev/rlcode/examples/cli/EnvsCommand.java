package dev.rlcode.examples.cli;

import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.space.MultiDiscrete;
import dev.rlcode.core.space.Space;
import dev.rlcode.envs.EnvRegistry;
import dev.rlcode.envs.EnvSpec;
import dev.rlcode.core.env.EnvChecker;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rlcode envs}: the registered environments with their spaces and episode limits. */
@Command(name = "envs", mixinStandardHelpOptions = true,
        description = "List the registered environments (built-in, then those of EnvProvider plug-ins on the class "
                + "path): observation and action spaces, action masks, maximum episode steps; then any plug-in env "
                + "that could not be registered, with the reason.")
final class EnvsCommand implements Callable<Integer> {

    /** Exit code of {@code --check} when a check failed (as {@code rlcode parity}'s failures). */
    static final int EXIT_FAILED = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--check", paramLabel = "ID",
            description = "run EnvChecker (Gymnasium's check_env) on one registered env instead: spaces, seeding and "
                    + "determinism, the episode protocol, masks; prints each check and ends with the counts "
                    + "(exit 0 when none failed, 3 otherwise)")
    String check;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (check != null) {
            return check(out, Envs.spec(check, "--check"));
        }
        List<String[]> rows = new ArrayList<>();
        for (EnvSpec e : EnvRegistry.specs()) {
            rows.add(new String[] {e.id(), describe(e.observationSpace()), describe(e.actionSpace()),
                    e.masked() ? "yes" : "no", Integer.toString(e.maxEpisodeSteps())});
        }
        out.print(Tables.table(rows, "env", "observation space", "action space", "action mask", "max steps"));
        for (String failure : EnvRegistry.providerFailures()) {
            out.println("not registered: " + failure);
        }
        out.flush();
        return RlCode.EXIT_OK;
    }

    private static int check(PrintWriter out, EnvSpec env) {
        EnvChecker.Report report = EnvChecker.run(env::make, EnvChecker.Options.defaults());
        List<String[]> rows = new ArrayList<>();
        for (EnvChecker.Result r : report.results()) {
            rows.add(new String[] {r.name(), r.status().name(), r.message().replace('\n', ' ')});
        }
        out.print(Tables.table(rows, "check", "status", "message"));
        out.printf("%s: %d passed, %d warned, %d skipped, %d failed%n", env.id(),
                report.withStatus(EnvChecker.Status.PASS).size(), report.withStatus(EnvChecker.Status.WARN).size(),
                report.withStatus(EnvChecker.Status.SKIP).size(), report.withStatus(EnvChecker.Status.FAIL).size());
        out.flush();
        return report.passed() ? RlCode.EXIT_OK : EXIT_FAILED;
    }

    /** {@return a space in Gymnasium's short notation, e.g. Discrete(2), Box(0.0, 1.0, (36,)), Box((4,))} */
    static String describe(Space<?> space) {
        return switch (space) {
            case Discrete d -> d.start() == 0 ? "Discrete(" + d.n() + ")" : "Discrete(" + d.n() + ", start=" + d.start() + ")";
            case MultiDiscrete m -> m.toString();
            case Box b -> {
                float[] lo = b.low(), hi = b.high();
                boolean uniform = true;
                for (int i = 1; i < lo.length; i++) uniform &= lo[i] == lo[0] && hi[i] == hi[0];
                yield uniform ? "Box(" + bound(lo[0]) + ", " + bound(hi[0]) + ", (" + b.dim() + ",))"
                        : "Box((" + b.dim() + ",))";
            }
        };
    }

    private static String bound(float v) {
        if (v == Float.POSITIVE_INFINITY || v == Float.MAX_VALUE) return "inf";
        if (v == Float.NEGATIVE_INFINITY || v == -Float.MAX_VALUE) return "-inf";
        return Tables.format((double) v);
    }
}
