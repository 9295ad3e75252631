package dev.rlcode.examples.cli;

import dev.rlcode.core.space.Box;
import dev.rlcode.core.space.Discrete;
import dev.rlcode.core.space.MultiDiscrete;
import dev.rlcode.core.space.Space;
import dev.rlcode.envs.EnvRegistry;
import dev.rlcode.envs.EnvSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rlcode envs}: the registered environments with their spaces and episode limits. */
@Command(name = "envs", mixinStandardHelpOptions = true,
        description = "List the registered environments (built-in, then those of EnvProvider plug-ins on the class "
                + "path): observation and action spaces, action masks, maximum episode steps; then any plug-in env "
                + "that could not be registered, with the reason.")
final class EnvsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
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
