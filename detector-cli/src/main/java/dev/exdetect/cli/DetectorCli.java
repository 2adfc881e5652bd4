package dev.exdetect.cli;

import dev.exdetect.job.launch.CommandLines;
import dev.exdetect.job.launch.RunCommand;
import dev.exdetect.job.output.ProductVersion;
import java.io.PrintWriter;
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
        versionProvider = DetectorCli.Version.class,
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

    /** {@code --version}: the Maven project version this jar was built from. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"exdetect " + ProductVersion.BUILD};
        }
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
        return CommandLines.execute(new CommandLine(new DetectorCli()), out, err, args);
    }
}
