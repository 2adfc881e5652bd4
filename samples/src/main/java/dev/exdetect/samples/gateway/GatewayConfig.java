package dev.exdetect.samples.gateway;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the {@link ReferenceGateway}. Start from {@link #of} and change what you need with
 * the {@code with} methods.
 *
 * @param upstream base URL of the model API requests are forwarded to
 * @param bindAddress interface to listen on
 * @param port port to listen on (0: any free port)
 * @param bootstrapServers Kafka bootstrap servers (throttle topic and request-log topic)
 * @param throttleTopic the compacted throttle topic the detector writes
 * @param requestLogTopic topic for the gateway's request log, or null for none
 * @param requestLogFile JSON-lines file for the gateway's request log, or null for none
 * @param clientHeader request header naming the client (falls back to {@code Authorization:
 *     Bearer})
 * @param tenantHeader request header naming the client's tenant
 * @param hashApiKeys log a digest of the API key as client id instead of the key itself
 * @param trustForwardedFor take the caller address from {@code X-Forwarded-For} (only behind a
 *     proxy that sets it)
 * @param kafkaProperties extra Kafka client properties (security settings, say)
 * @param threads request-handling threads
 * @param upstreamTimeout how long to wait for the model API's answer
 * @param startupTimeout how long reading the throttle topic at start may take
 */
public record GatewayConfig(
        URI upstream,
        String bindAddress,
        int port,
        String bootstrapServers,
        String throttleTopic,
        String requestLogTopic,
        Path requestLogFile,
        String clientHeader,
        String tenantHeader,
        boolean hashApiKeys,
        boolean trustForwardedFor,
        Map<String, String> kafkaProperties,
        int threads,
        Duration upstreamTimeout,
        Duration startupTimeout) {

    /**
     * Defaults: listen on 127.0.0.1:8080, topics {@code throttle-commands} and {@code
     * api-requests}.
     */
    public static GatewayConfig of(URI upstream, String bootstrapServers) {
        return new GatewayConfig(
                upstream,
                "127.0.0.1",
                8080,
                bootstrapServers,
                "throttle-commands",
                "api-requests",
                null,
                "X-Api-Key",
                "X-Tenant",
                false,
                false,
                Map.of(),
                16,
                Duration.ofSeconds(60),
                Duration.ofSeconds(60));
    }

    /** Checks the settings; the message names the bad one. */
    public GatewayConfig {
        if (upstream == null || upstream.getScheme() == null || upstream.getHost() == null) {
            throw new IllegalArgumentException("upstream must be an absolute http(s) URL");
        }
        if (!upstream.getScheme().equals("http") && !upstream.getScheme().equals("https")) {
            throw new IllegalArgumentException("upstream must be an http or https URL");
        }
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers are required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        kafkaProperties = Map.copyOf(kafkaProperties);
    }

    public GatewayConfig withListen(String address, int listenPort) {
        return new GatewayConfig(
                upstream,
                address,
                listenPort,
                bootstrapServers,
                throttleTopic,
                requestLogTopic,
                requestLogFile,
                clientHeader,
                tenantHeader,
                hashApiKeys,
                trustForwardedFor,
                kafkaProperties,
                threads,
                upstreamTimeout,
                startupTimeout);
    }

    public GatewayConfig withTopics(String throttle, String requestLog) {
        return new GatewayConfig(
                upstream,
                bindAddress,
                port,
                bootstrapServers,
                throttle,
                requestLog,
                requestLogFile,
                clientHeader,
                tenantHeader,
                hashApiKeys,
                trustForwardedFor,
                kafkaProperties,
                threads,
                upstreamTimeout,
                startupTimeout);
    }

    public GatewayConfig withRequestLogFile(Path file) {
        return new GatewayConfig(
                upstream,
                bindAddress,
                port,
                bootstrapServers,
                throttleTopic,
                requestLogTopic,
                file,
                clientHeader,
                tenantHeader,
                hashApiKeys,
                trustForwardedFor,
                kafkaProperties,
                threads,
                upstreamTimeout,
                startupTimeout);
    }

    public GatewayConfig withIdentity(String client, String tenant, boolean hash) {
        return new GatewayConfig(
                upstream,
                bindAddress,
                port,
                bootstrapServers,
                throttleTopic,
                requestLogTopic,
                requestLogFile,
                client,
                tenant,
                hash,
                trustForwardedFor,
                kafkaProperties,
                threads,
                upstreamTimeout,
                startupTimeout);
    }

    public GatewayConfig withTrustForwardedFor(boolean trust) {
        return new GatewayConfig(
                upstream,
                bindAddress,
                port,
                bootstrapServers,
                throttleTopic,
                requestLogTopic,
                requestLogFile,
                clientHeader,
                tenantHeader,
                hashApiKeys,
                trust,
                kafkaProperties,
                threads,
                upstreamTimeout,
                startupTimeout);
    }

    public GatewayConfig withKafkaProperties(Map<String, String> properties) {
        return new GatewayConfig(
                upstream,
                bindAddress,
                port,
                bootstrapServers,
                throttleTopic,
                requestLogTopic,
                requestLogFile,
                clientHeader,
                tenantHeader,
                hashApiKeys,
                trustForwardedFor,
                properties,
                threads,
                upstreamTimeout,
                startupTimeout);
    }
}
