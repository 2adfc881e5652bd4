package dev.exdetect.gateway;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the {@link ReferenceGateway}. Start from {@link #builder}, which holds the defaults.
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

    /** Settings with the defaults, for the model API at {@code upstream}. */
    public static Builder builder(URI upstream, String bootstrapServers) {
        return new Builder(upstream, bootstrapServers);
    }

    /**
     * Builds a {@link GatewayConfig}. Defaults: listen on 127.0.0.1:8080, throttle topic {@code
     * throttle-commands}, request log to topic {@code api-requests} and no file, client from {@code
     * X-Api-Key}, tenant from {@code X-Tenant}, keys not hashed, {@code X-Forwarded-For} not
     * trusted, 16 threads, 60 s upstream and start-up timeouts.
     */
    public static final class Builder {
        private final URI upstream;
        private final String bootstrapServers;
        private String bindAddress = "127.0.0.1";
        private int port = 8080;
        private String throttleTopic = "throttle-commands";
        private String requestLogTopic = "api-requests";
        private Path requestLogFile;
        private String clientHeader = "X-Api-Key";
        private String tenantHeader = "X-Tenant";
        private boolean hashApiKeys;
        private boolean trustForwardedFor;
        private Map<String, String> kafkaProperties = Map.of();
        private int threads = 16;
        private Duration upstreamTimeout = Duration.ofSeconds(60);
        private Duration startupTimeout = Duration.ofSeconds(60);

        private Builder(URI upstream, String bootstrapServers) {
            this.upstream = upstream;
            this.bootstrapServers = bootstrapServers;
        }

        /** Where to listen (port 0: any free port). */
        public Builder listen(String address, int listenPort) {
            this.bindAddress = address;
            this.port = listenPort;
            return this;
        }

        /** The throttle topic, and the request-log topic (null: no request log to Kafka). */
        public Builder topics(String throttle, String requestLog) {
            this.throttleTopic = throttle;
            this.requestLogTopic = requestLog;
            return this;
        }

        /** Also append the request log to this JSON-lines file (null: no file). */
        public Builder requestLogFile(Path file) {
            this.requestLogFile = file;
            return this;
        }

        /** The headers naming the client and its tenant, and whether to hash API keys. */
        public Builder identity(String client, String tenant, boolean hash) {
            this.clientHeader = client;
            this.tenantHeader = tenant;
            this.hashApiKeys = hash;
            return this;
        }

        /** Take the caller address from {@code X-Forwarded-For}. */
        public Builder trustForwardedFor(boolean trust) {
            this.trustForwardedFor = trust;
            return this;
        }

        /** Extra Kafka client properties. */
        public Builder kafkaProperties(Map<String, String> properties) {
            this.kafkaProperties = properties;
            return this;
        }

        /** The settings; throws {@link IllegalArgumentException} naming a bad one. */
        public GatewayConfig build() {
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
                    kafkaProperties,
                    threads,
                    upstreamTimeout,
                    startupTimeout);
        }
    }
}
