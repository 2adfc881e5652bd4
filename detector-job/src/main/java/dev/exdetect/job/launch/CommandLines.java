package dev.exdetect.job.launch;

import dev.exdetect.rules.parse.RuleFileException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * How a command line of exdetect runs and fails, the same for {@code detector.jar} and {@code
 * detector-cluster.jar}. Exit codes: 0 success, 1 failure while running, 2 bad usage or bad input
 * (a rule file that is refused, with file, line and reason; a missing file; a bad option value).
 * Bad usage prints the reason and where to look, not the whole usage text.
 */
public final class CommandLines {
    private CommandLines() {}

    /** Runs {@code cli} on {@code args} with the given console streams; returns the exit code. */
    public static int execute(CommandLine cli, PrintWriter out, PrintWriter err, String... args) {
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

    /** "PATH: reason" for a file error, without Java class names. */
    public static String describe(FileSystemException f) {
        String reason =
                f instanceof NoSuchFileException
                        ? "no such file or folder"
                        : f instanceof AccessDeniedException
                                ? "permission denied"
                                : f.getReason() != null ? f.getReason() : "cannot be used";
        return f.getFile() + ": " + reason;
    }
}
