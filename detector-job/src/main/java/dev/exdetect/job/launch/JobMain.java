package dev.exdetect.job.launch;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The entry class of {@code detector-cluster.jar}, the job packaged for a Flink cluster: {@code
 * flink run detector-cluster.jar --bootstrap-servers ...}, the REST API ({@code /jars/:id/run} with
 * program arguments), or application mode ({@code usrlib/} of the image, as in {@code deploy/}). It
 * runs {@link RunCommand}, with the same options as {@code detector.jar run}; a leading {@code run}
 * is accepted and skipped, so both forms of program arguments work.
 *
 * <p>It never calls {@link System#exit}, because on a cluster {@code main} runs inside the
 * JobManager (REST submission, application mode) and exiting would take the JobManager down. A
 * failure becomes an exception, which Flink reports as a failed submission.
 */
public final class JobMain {
    private JobMain() {}

    /** Runs the job; throws instead of exiting when it fails or the arguments are bad. */
    public static void main(String[] args) {
        int code =
                CommandLines.execute(
                        new CommandLine(new RunCommand()),
                        new PrintWriter(System.out, true),
                        new PrintWriter(System.err, true),
                        runOptions(args));
        if (code != 0) {
            throw new IllegalStateException(
                    "exdetect run failed with exit code " + code + " (see the messages above)");
        }
    }

    /** The options of {@code run}: {@code args} without a leading {@code run}. */
    static String[] runOptions(String[] args) {
        return args.length > 0 && args[0].equals("run")
                ? Arrays.copyOfRange(args, 1, args.length)
                : args;
    }
}
