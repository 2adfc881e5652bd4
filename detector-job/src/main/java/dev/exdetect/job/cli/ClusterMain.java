package dev.exdetect.job.cli;

/**
 * The entry class of {@code detector-cluster.jar}, the job packaged for a Flink cluster: {@code
 * flink run detector-cluster.jar run --bootstrap-servers ...}, the REST API ({@code /jars/:id/run}
 * with program arguments), or application mode ({@code usrlib/} of the image, as in {@code
 * deploy/}).
 *
 * <p>It runs the same command line as {@code detector.jar} with one difference: it never calls
 * {@link System#exit}, because on a cluster {@code main} runs inside the JobManager (REST
 * submission, application mode) and exiting would take the JobManager down. A failure becomes an
 * exception, which Flink reports as a failed submission. When the arguments do not start with a
 * command, {@code run} is assumed, so the program arguments can be just the options of {@code run}.
 */
public final class ClusterMain {
    private ClusterMain() {}

    /** Runs the command line; throws instead of exiting when the command fails. */
    public static void main(String[] args) {
        String[] command = withCommand(args);
        int code = DetectorCli.execute(command);
        if (code != 0) {
            throw new IllegalStateException(
                    "exdetect "
                            + command[0]
                            + " failed with exit code "
                            + code
                            + " (see the messages above)");
        }
    }

    /** {@code args}, with {@code run} in front when they start with an option (or are empty). */
    static String[] withCommand(String[] args) {
        if (args.length > 0 && !args[0].startsWith("-")) {
            return args;
        }
        String[] command = new String[args.length + 1];
        command[0] = "run";
        System.arraycopy(args, 0, command, 1, args.length);
        return command;
    }
}
