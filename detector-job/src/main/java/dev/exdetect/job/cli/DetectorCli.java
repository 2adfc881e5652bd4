package dev.exdetect.job.cli;

import dev.exdetect.rules.parse.RuleFileException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The program in {@code detector.jar}: {@code java -jar detector.jar COMMAND}. Exit codes: 0
 * success, 1 failure while running, 2 bad usage or bad input (such as a rule file that is refused,
 * with file, line and reason).
 */
@Command(
        name = "detector",
        mixinStandardHelpOptions = true,
        version = "exdetect 0.1.0",
        description = "exdetect: a stream-based model-extraction detector (Apache Flink). ",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            ReplayCommand.class,
            SimulateCommand.class,
            RulesCommand.class,
            GatewayCommand.class,
            ModelServerCommand.class,
            AuditCommand.class,
            BenchmarkCommand.class,
            BaselineCommand.class,
            ThroughputCommand.class,
            CommandLine.HelpCommand.class
        })
public class DetectorCli implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** "PATH: reason" for a file error, without Java class names. */
    static String describe(FileSystemException f) {
        String reason =
                f instanceof NoSuchFileException
                        ? "no such file or folder"
                        : f instanceof AccessDeniedException
                                ? "permission denied"
                                : f.getReason() != null ? f.getReason() : "cannot be used";
        return f.getFile() + ": " + reason;
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given console streams and returns its exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new DetectorCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                    if (e instanceof RuleFileException || e instanceof IllegalArgumentException) {
                        cmd.getErr().println("error: " + e.getMessage());
                        return 2;
                    }
                    if (e instanceof FileSystemException f) {
                        // A file named on the command line that is missing or not writable.
                        cmd.getErr().println("error: " + describe(f));
                        return 2;
                    }
                    throw e;
                });
        // Bad usage: the reason and where to look, not the whole usage text.
        cli.setParameterExceptionHandler(
                (e, arguments) -> {
                    CommandLine cmd = e.getCommandLine();
                    cmd.getErr().println("error: " + e.getMessage());
                    CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
                    cmd.getErr()
                            .println(
                                    "Run '"
                                            + cmd.getCommandSpec().qualifiedName()
                                            + " --help' for the options.");
                    return 2;
                });
        return cli.execute(args);
    }
}
