package dev.exdetect.job.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Flink session cluster of separate JVM processes, as a Flink distribution's scripts would
 * start it, but from the Maven dependencies (no distribution is available here): one JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and any number of TaskManagers ({@code
 * TaskManagerRunner}), one slot each, on loopback ports, each with Flink's Prometheus reporter.
 *
 * <p>The classpath is {@code target/flink-cluster.classpath}, written by the build: what a
 * distribution's {@code lib/} holds and nothing of the job, which must come from the uploaded jar.
 * JVM memory flags come from Flink's own {@code BashJavaUtils}, as in {@code bin/taskmanager.sh}.
 *
 * <p>Everything lives in one folder (configuration, logs, temporary files); every process is killed
 * on {@link #close} and, should the test JVM die first, by a shutdown hook.
 */
final class FlinkProcesses implements AutoCloseable {
    private static final String JOB_MANAGER =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS =
            "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    private final Path dir;
    private final Path confDir;
    private final String classpath;
    private final int restPort;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> prometheusPorts = new LinkedHashMap<>();
    private final Thread killer = new Thread(this::killAll, "flink-cluster-killer");
    private List<String> taskManagerJvm;
    private final FlinkRestClient rest;

    private FlinkProcesses(Path dir, String classpath) throws IOException {
        this.dir = dir;
        this.confDir = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("log"));
        this.classpath = classpath;
        this.restPort = freePort();
        this.rest = new FlinkRestClient("http://127.0.0.1:" + restPort);
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /**
     * Starts the JobManager and {@code taskManagers} TaskManagers in {@code dir} and waits until
     * they are registered.
     */
    static FlinkProcesses start(Path dir, int taskManagers) throws Exception {
        Path classpathFile = Path.of("target", "flink-cluster.classpath");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(
                    classpathFile.toAbsolutePath()
                            + " is missing: run through Maven (mvn verify), which writes it");
        }
        String classpath = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
        FlinkProcesses cluster = new FlinkProcesses(dir, classpath);
        try {
            cluster.writeConfiguration();
            cluster.startJobManager();
            for (int i = 1; i <= taskManagers; i++) {
                cluster.startTaskManager("taskmanager-" + i);
            }
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /** The REST API of the JobManager. */
    FlinkRestClient rest() {
        return rest;
    }

    /** Ports of the TaskManagers' Prometheus endpoints, by TaskManager name. */
    Map<String, Integer> prometheusPorts() {
        return Map.copyOf(prometheusPorts);
    }

    /** The log files, for a failing test's message. */
    Path logDir() {
        return dir.resolve("log");
    }

    /** Starts a TaskManager named {@code name} and waits until the JobManager has registered it. */
    void startTaskManager(String name) throws Exception {
        if (taskManagerJvm == null) {
            taskManagerJvm = bashJavaUtils("GET_TM_RESOURCE_PARAMS");
        }
        int prometheusPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(List.of(taskManagerJvm.get(0).trim().split("\\s+")));
        command.addAll(jvmOptions(name));
        command.addAll(List.of("-cp", classpath, TASK_MANAGER, "--configDir", confDir.toString()));
        command.addAll(List.of(taskManagerJvm.get(1).trim().split("\\s+")));
        command.add("-Dio.tmp.dirs=" + Files.createDirectories(dir.resolve("tmp-" + name)));
        command.add("-Dmetrics.reporter.prom.port=" + prometheusPort);
        command.add("-Dtaskmanager.resource-id=" + name);
        start(name, command);
        prometheusPorts.put(name, prometheusPort);
        awaitProcess(
                name,
                "TaskManager " + name + " to register",
                () -> rest.taskManagerIds().contains(name));
    }

    /** Kills a TaskManager the hard way (SIGKILL), as a machine failure would. */
    void killTaskManager(String name) throws InterruptedException {
        Process p = processes.remove(name);
        prometheusPorts.remove(name);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    private void startJobManager() throws Exception {
        List<String> jvm = bashJavaUtils("GET_JM_RESOURCE_PARAMS");
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(List.of(jvm.get(0).trim().split("\\s+")));
        command.addAll(jvmOptions("jobmanager"));
        command.addAll(List.of("-cp", classpath, JOB_MANAGER, "--configDir", confDir.toString()));
        if (jvm.size() > 1 && !jvm.get(1).isBlank()) {
            command.addAll(List.of(jvm.get(1).trim().split("\\s+")));
        }
        command.add("-Dio.tmp.dirs=" + Files.createDirectories(dir.resolve("tmp-jobmanager")));
        command.add("-Dmetrics.reporter.prom.port=" + freePort());
        start("jobmanager", command);
        awaitProcess("jobmanager", "the JobManager's REST API", rest::isUp);
    }

    /** Waits for a process to be ready; on failure, shows the end of its output. */
    private void awaitProcess(String name, String what, Check ready) throws Exception {
        try {
            await(what, Duration.ofSeconds(60), ready);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; its output ends:\n" + tail(name), e);
        }
    }

    /** The last lines a process wrote to its standard output and error. */
    String tail(String name) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("log").resolve(name + ".out"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private void writeConfiguration() throws IOException {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("jobmanager.rpc.address", "127.0.0.1");
        conf.put("jobmanager.rpc.port", Integer.toString(freePort()));
        conf.put("jobmanager.bind-host", "127.0.0.1");
        conf.put("taskmanager.bind-host", "127.0.0.1");
        conf.put("taskmanager.host", "127.0.0.1");
        conf.put("rest.address", "127.0.0.1");
        conf.put("rest.bind-address", "127.0.0.1");
        conf.put("rest.port", Integer.toString(restPort));
        conf.put("blob.server.port", "0");
        // Any free port: a replacement TaskManager can start while a killed one's port is held.
        conf.put("taskmanager.rpc.port", "0");
        conf.put("taskmanager.data.port", "0");
        conf.put("taskmanager.numberOfTaskSlots", "1");
        conf.put("jobmanager.memory.process.size", "768m");
        // About 400 MB of task heap; little managed memory (only RocksDB would use it).
        conf.put("taskmanager.memory.process.size", "1200m");
        conf.put("taskmanager.memory.managed.fraction", "0.05");
        // Notice a lost TaskManager within seconds (the defaults take about a minute).
        conf.put("heartbeat.interval", "1000");
        conf.put("heartbeat.timeout", "5000");
        conf.put("web.upload.dir", dir.resolve("upload").toString());
        conf.put(
                "metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        StringBuilder yaml = new StringBuilder();
        conf.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        Files.writeString(confDir.resolve("config.yaml"), yaml.toString());
        Files.writeString(
                confDir.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.type = File",
                        "appender.file.name = file",
                        "appender.file.fileName = ${sys:log.file}",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                        "logger.kafka.name = org.apache.kafka",
                        "logger.kafka.level = WARN",
                        ""));
    }

    /** Flink's memory flags for a process, as the distribution's scripts compute them. */
    private List<String> bashJavaUtils(String what) throws Exception {
        Process p =
                new ProcessBuilder(
                                java(),
                                "-cp",
                                classpath,
                                BASH_JAVA_UTILS,
                                what,
                                "--configDir",
                                confDir.toString())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("BashJavaUtils " + what + " failed:\n" + output);
        }
        List<String> result = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith(RESULT_PREFIX)) {
                result.add(line.substring(RESULT_PREFIX.length()));
            }
        }
        if (result.isEmpty()) {
            throw new IllegalStateException("BashJavaUtils " + what + " printed:\n" + output);
        }
        return result;
    }

    private List<String> jvmOptions(String name) {
        List<String> options = new ArrayList<>();
        // Flink's --add-opens list, as given to this test JVM by the build.
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens")) {
                options.add(arg);
            }
        }
        options.add("-Dlog.file=" + dir.resolve("log").resolve(name + ".log"));
        options.add("-Dlog4j.configurationFile=file:" + confDir.resolve("log4j.properties"));
        return options;
    }

    private void start(String name, List<String> command) throws IOException {
        Path out = dir.resolve("log").resolve(name + ".out");
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
        processes.put(name, p);
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A condition checked until it holds. */
    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls {@code check} every 200 ms until it holds; fails after {@code timeout}. */
    static void await(String what, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
                last = null;
            } catch (IOException e) {
                last = e; // not up yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what, last);
    }

    private void killAll() {
        for (Process p : processes.values()) {
            p.destroyForcibly();
        }
    }

    @Override
    public void close() {
        // TaskManagers first, then the JobManager; politely, then by force.
        List<Process> all = new ArrayList<>(processes.values());
        java.util.Collections.reverse(all);
        for (Process p : all) {
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
