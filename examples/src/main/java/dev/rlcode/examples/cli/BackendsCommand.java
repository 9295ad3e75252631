package dev.rlcode.examples.cli;

import dev.rlcode.core.kernel.Backend;
import dev.rlcode.gpu.Backends;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rlcode backends}: every compute backend found, with {@code available} or {@code unavailable: reason}. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List the compute backends (cpu, opencl, cuda) and whether each can run here, with the "
                + "reason when not. 'auto' picks CUDA, then OpenCL on a GPU, then the CPU.")
final class BackendsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String[]> rows = new ArrayList<>();
        for (Backends.Probed p : Backends.probeAll()) {
            var a = p.availability();
            rows.add(new String[] {p.provider().name(), a.available() ? "available" : "unavailable: " + a.reason(),
                    a.available() ? a.detail() : ""});
        }
        out.print(Tables.table(rows, "backend", "status", "device"));
        // auto as a run gets it: a GPU backend that probes available but fails to start is skipped
        List<String> startFailures = new ArrayList<>();
        try (Backend auto = Backends.createAuto(startFailures)) {
            out.println("auto -> " + auto.name());
        }
        for (String f : startFailures) out.println("auto skipped " + f.replaceFirst(": ", " (failed to start: ") + ")");
        out.flush();
        return RlCode.EXIT_OK;
    }
}
