package dev.exdetect.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of what the gateway did, for its status line and {@code GET /_gateway/stats}. */
public final class GatewayStats {
    /** Requests received with a client identity. */
    public final AtomicLong requests = new AtomicLong();

    /** Answered in full. */
    public final AtomicLong served = new AtomicLong();

    /** Answered with probabilities / logprobs stripped (DEGRADE). */
    public final AtomicLong degraded = new AtomicLong();

    /** Refused with 429 because the token bucket was empty (THROTTLE). */
    public final AtomicLong limited = new AtomicLong();

    /** Refused with 429 because of BLOCK. */
    public final AtomicLong blocked = new AtomicLong();

    /** Refused with 401: no client identity. */
    public final AtomicLong unidentified = new AtomicLong();

    /** The upstream failed or could not be reached (502). */
    public final AtomicLong upstreamErrors = new AtomicLong();

    /** Request-log records written (Kafka acknowledged, or appended to the file). */
    public final AtomicLong logged = new AtomicLong();

    /** Request-log records that could not be written. */
    public final AtomicLong logFailures = new AtomicLong();

    /** Throttle-topic records applied, ignored as stale or duplicate, refused, and lifts. */
    public final AtomicLong commandsApplied = new AtomicLong();

    public final AtomicLong commandsStale = new AtomicLong();
    public final AtomicLong commandsInvalid = new AtomicLong();
    public final AtomicLong lifts = new AtomicLong();

    /** The counters as a JSON object. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        o.put("requests", requests.get());
        o.put("served", served.get());
        o.put("degraded", degraded.get());
        o.put("limited", limited.get());
        o.put("blocked", blocked.get());
        o.put("unidentified", unidentified.get());
        o.put("upstream_errors", upstreamErrors.get());
        o.put("logged", logged.get());
        o.put("log_failures", logFailures.get());
        o.put("commands_applied", commandsApplied.get());
        o.put("commands_stale", commandsStale.get());
        o.put("commands_invalid", commandsInvalid.get());
        o.put("lifts", lifts.get());
        return o;
    }
}
