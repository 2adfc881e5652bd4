package dev.exdetect.cli;

import dev.exdetect.gateway.GatewayConfig;
import dev.exdetect.gateway.ReferenceGateway;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gateway}: the reference gateway (samples/.../gateway) in front of a model API: enforces
 * the detector's throttle commands and writes the request log the detector reads.
 */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        description =
                "Run the reference gateway: an HTTP reverse proxy in front of a model API. It enforces exdetect's throttle commands from the compacted throttle topic (THROTTLE: token bucket; BLOCK: 429 with Retry-After; DEGRADE: no scores) and logs every request in the contract format for the detector. Runs until Ctrl-C (or --duration).")
public class GatewayCommand implements Callable<Integer> {
    @Option(
            names = "--upstream",
            required = true,
            paramLabel = "URL",
            description = "Base URL of the model API, e.g. http://127.0.0.1:9090.")
    URI upstream;

    @Option(
            names = "--bootstrap-servers",
            required = true,
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            converter = ListenAddress.Converter.class,
            defaultValue = "127.0.0.1:8080",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    ListenAddress listen;

    @Option(
            names = "--throttle-topic",
            paramLabel = "TOPIC",
            defaultValue = "throttle-commands",
            description =
                    "Compacted topic of throttle commands, read from the beginning (default: ${DEFAULT-VALUE}).")
    String throttleTopic;

    @Option(
            names = "--log-topic",
            paramLabel = "TOPIC",
            defaultValue = "api-requests",
            description =
                    "Topic the request log is written to, keyed by client (default: ${DEFAULT-VALUE}).")
    String logTopic;

    @Option(names = "--no-log-topic", description = "Do not write the request log to Kafka.")
    boolean noLogTopic;

    @Option(
            names = "--log-file",
            paramLabel = "FILE",
            description = "Also append the request log to this JSON-lines file.")
    Path logFile;

    @Option(
            names = "--client-header",
            paramLabel = "NAME",
            defaultValue = "X-Api-Key",
            description =
                    "Header naming the client; 'Authorization: Bearer' is used when it is absent (default: ${DEFAULT-VALUE}).")
    String clientHeader;

    @Option(
            names = "--tenant-header",
            paramLabel = "NAME",
            defaultValue = "X-Tenant",
            description = "Header naming the client's tenant (default: ${DEFAULT-VALUE}).")
    String tenantHeader;

    @Option(
            names = "--hash-api-keys",
            description =
                    "Log key-<16 hex digits of SHA-256> as client id instead of the header's value (use when it is a secret API key).")
    boolean hashApiKeys;

    @Option(
            names = "--trust-forwarded-for",
            description =
                    "Take the caller address from X-Forwarded-For (only behind a proxy that sets it).")
    boolean trustForwardedFor;

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            description = "Extra Kafka client property (security settings, say). Repeatable.")
    Map<String, String> kafkaProperties = new HashMap<>();

    @Mixin StopAfterOption stopAfter;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        GatewayConfig config =
                GatewayConfig.builder(upstream, bootstrapServers)
                        .listen(listen.host(), listen.port())
                        .topics(throttleTopic, noLogTopic ? null : logTopic)
                        .requestLogFile(logFile)
                        .identity(clientHeader, tenantHeader, hashApiKeys)
                        .trustForwardedFor(trustForwardedFor)
                        .kafkaProperties(kafkaProperties)
                        .build();
        out.println(
                "gateway: reading throttle topic '" + throttleTopic + "' from the beginning ...");
        out.flush();
        try (Foreground foreground = new Foreground();
                ReferenceGateway gateway = ReferenceGateway.start(config, Clock.systemUTC())) {
            out.printf(
                    "gateway: listening on %s, forwarding to %s; %d clients under a command%n",
                    gateway.uri(), upstream, gateway.enforcement().size());
            out.printf(
                    "  request log: %s%s%n",
                    noLogTopic ? "" : "topic " + logTopic,
                    logFile == null ? "" : (noLogTopic ? "" : ", ") + "file " + logFile);
            out.println("  status every 30 s; GET /_gateway/stats for counters. Ctrl-C stops.");
            out.flush();
            foreground.waitUntilStopped(
                    stopAfter.duration, () -> out.println("[STATUS] " + gateway.statusLine()), out);
            out.println("gateway: stopping. " + gateway.statusLine());
            return 0;
        } catch (TimeoutException | IllegalStateException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
    }
}
