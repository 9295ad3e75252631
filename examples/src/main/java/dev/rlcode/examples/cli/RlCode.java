package dev.rlcode.examples.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code rlcode} command: train, evaluate and resume DQN runs, and list the environments.
 *
 * {@snippet lang=shell :
 * ./rlcode train CartPole-v1 --seed 1            # writes runs/CartPole-v1-seed1-<time>/
 * ./rlcode eval --run runs/CartPole-v1-seed1-20250101-120000
 * ./rlcode envs
 * ./rlcode harness --dataset humaneval_java.jsonl.gz --out runs/hx   # canonical solutions through the sandbox
 * ./rlcode mutants --dataset bundled --out runs/mutants --limit 5
 * ./rlcode train executive --tasks bundled --model synthetic --seed 1 --out runs/executive-1
 * ./rlcode eval-code --run runs/executive-1 --split test --episodes 300
 * ./rlcode report --run runs/executive-1                             # report.html + PNG charts
 * ./rlcode ablation --seeds 1,2,3 --out runs/ablation                # double/dueling x masking
 * ./rlcode demo                                                      # both code agents, results table
 * }
 *
 * <p>Exit codes: {@value #EXIT_OK} success; {@value #EXIT_INTERNAL} an internal error (a bug: the stack trace is
 * printed); {@value #EXIT_USAGE} a problem with what was asked (a flag, a config key or value, a config file, an env
 * name, a run folder or checkpoint), reported in one line on stderr before anything is written, or a training run
 * that diverged (a NaN loss: the folder keeps what came before it);
 * {@value #EXIT_INTERRUPTED} training stopped by Ctrl-C.
 */
@Command(name = "rlcode", mixinStandardHelpOptions = true, versionProvider = RlCode.Version.class,
        description = "Train, evaluate and resume DQN agents on rlcode's environments; judge code datasets in the sandbox.",
        subcommands = {TrainCommand.class, EvalCommand.class, EvalCodeCommand.class, ResumeCommand.class,
                EnvsCommand.class, BackendsCommand.class, ParityCommand.class, HarnessCommand.class,
                MutantsCommand.class, ReportCommand.class, AblationCommand.class, BenchCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0    success",
                "  1    internal error (a bug; the stack trace is printed)",
                "  2    bad flag, config key or value, config file, env name, run folder,",
                "       checkpoint or task file, an unavailable --backend, a file system",
                "       that refuses, or an LLM endpoint that is down or answers garbage",
                "       (one line on stderr; nothing is written over)",
                "  3    rlcode parity or envs --check: at least one check failed",
                "  130  training stopped by Ctrl-C (143: by SIGTERM)"})
public final class RlCode implements Runnable {

    static final int EXIT_OK = 0;
    static final int EXIT_INTERNAL = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_INTERRUPTED = 130;

    final boolean terminal;

    @Spec
    CommandSpec spec;

    /** The command as {@code main} runs it: a progress bar when stdout is a terminal, log lines otherwise. */
    public RlCode() {
        this(isTerminal());
    }

    /** @param terminal whether output goes to a terminal (progress bar) or not (log lines) */
    RlCode(boolean terminal) {
        this.terminal = terminal;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "expected a command: train, eval, eval-code, resume, envs, backends, parity, harness, mutants, report, ablation, bench, demo or help");
    }

    /** {@return a picocli command line for {@code app} with rlcode's error handling and exit codes} */
    static CommandLine commandLine(RlCode app) {
        CommandLine cl = new CommandLine(app);
        cl.setParameterExceptionHandler(RlCode::onBadArguments);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> onFailure(ex, cmd));
        return cl;
    }

    /** Runs the command and exits with its exit code. */
    public static void main(String[] args) {
        // Library log records (backend choice, sandbox layers, Lucene's vector set-up) on one line each, "LEVEL:
        // message", instead of java.util.logging's default two lines with a timestamp and the logging class; a
        // format given with -Djava.util.logging.SimpleFormatter.format wins.
        if (System.getProperty(LOG_FORMAT_PROPERTY) == null) {
            System.setProperty(LOG_FORMAT_PROPERTY, LOG_FORMAT);
        }
        System.exit(commandLine(new RlCode()).execute(args));
    }

    static final String LOG_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
    static final String LOG_FORMAT = "%4$s: %5$s%6$s%n";

    private static boolean isTerminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    private static int onBadArguments(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String suggestions = "";
        if (ex instanceof UnmatchedArgumentException u) {
            List<String> s = u.getSuggestions();
            if (!s.isEmpty()) suggestions = "; did you mean " + String.join(" or ", s) + "?";
        }
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + ex.getMessage() + suggestions + " (see `" + name + " --help`)");
        cmd.getErr().flush();
        return EXIT_USAGE;
    }

    private static int onFailure(Exception ex, CommandLine cmd) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        String outside = outsideFailure(ex);
        if (outside != null) {
            err.println(name + ": " + outside);
            err.flush();
            return EXIT_USAGE;
        }
        err.println(name + ": internal error: " + ex);
        ex.printStackTrace(err);
        err.flush();
        return EXIT_INTERNAL;
    }

    /**
     * {@return the one-line message of a failure whose cause lies outside rlcode (a bad flag or file, a damaged
     * checkpoint, a file system that refuses, an LLM endpoint that is down or answers garbage), or null for an
     * internal error}
     */
    static String outsideFailure(Throwable ex) {
        String direct = outsideFailureItself(ex);
        if (direct != null) return direct;
        // failures inside concurrent work arrive wrapped (ExecutionException, CompletionException, ...)
        for (Class<? extends Throwable> c : List.of(CliException.class,
                dev.rlcode.envs.code.model.CodeModelException.class, dev.rlcode.core.checkpoint.CheckpointException.class,
                dev.rlcode.agents.run.RunFolderException.class, dev.rlcode.agents.dqn.TrainingDivergedException.class)) {
            Throwable inner = causeOf(ex, c);
            if (inner != null) return outsideFailureItself(inner);
        }
        return null;
    }

    private static String outsideFailureItself(Throwable ex) {
        return switch (ex) {
            case CliException e -> e.getMessage();
            case dev.rlcode.envs.code.model.CodeModelException e -> "the code model failed: " + e.getMessage();
            case dev.rlcode.core.checkpoint.CheckpointException e -> e.getMessage();
            case dev.rlcode.agents.run.RunFolderException e -> e.getMessage();
            case dev.rlcode.agents.dqn.TrainingDivergedException e -> e.getMessage();
            case java.nio.file.FileSystemException e -> "cannot use " + e.getFile()
                    + (e.getOtherFile() == null ? "" : " or " + e.getOtherFile()) + ": "
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName());
            case java.io.UncheckedIOException e -> e.getCause() instanceof java.nio.file.FileSystemException f
                    ? e.getMessage() + " (" + outsideFailureItself(f) + ")" : e.getMessage();
            default -> null;
        };
    }

    /** {@return {@code ex} or the first of its causes that is a {@code type}, or null} */
    static <T extends Throwable> T causeOf(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }

    /** The version from the jar manifest, or "development build" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RlCode.class.getPackage().getImplementationVersion();
            return new String[] {"rlcode " + (v == null ? "(development build)" : v),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
