package dev.rlcode.examples.cli;

import dev.rlcode.agents.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code rlcode report}: (re)builds report.html and its PNG charts from what a run folder saved. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write DIR/report.html and PNG charts (learning curve; agent and baselines: success against "
                + "LLM calls; templates by tier; ablation table) from the run's saved files. Reads only; nothing "
                + "of the run is changed."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--run", paramLabel = "DIR", required = true,
            description = "a run folder (summary.json) or an ablation folder (ablation.json)")
    Path runDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.println("wrote " + RunReport.write(runDir));
        } catch (IllegalArgumentException | IOException e) {
            throw new CliException(String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip(), e);
        }
        out.flush();
        return RlCode.EXIT_OK;
    }
}
