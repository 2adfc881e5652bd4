package dev.exdetect.job.detect;

import dev.exdetect.features.engine.ClientFeatureState;
import dev.exdetect.job.model.Alert;
import dev.exdetect.job.model.ClientHistory;
import dev.exdetect.job.model.ClusterVerdict;
import dev.exdetect.rules.response.EnforcementState;
import java.util.Arrays;

/**
 * All per-client state of the detection step. Bounded: the feature state has a fixed size (see
 * {@link ClientFeatureState}), the evidence ring 5 entries, the enforcement state a few numbers,
 * the alert episode one entry per rule that fired, the history 5 episodes and 5 commands. Dropped
 * after the configured idle TTL (in event time). A Flink POJO.
 *
 * <p>A client's state is created by its first request (a cluster verdict for a client without state
 * is dropped), so the evidence ring is never empty.
 */
public class ClientState {
    public String clientId;
    public String tenant;

    /** The model that served the client's latest request (named in OCSF alerts), or null. */
    public String model;

    public ClientFeatureState features;
    public EvidenceSamples samples;
    public EnforcementState enforcement;
    public AlertEpisode episode;

    /** Earlier alert episodes and commands, shown in alerts (created on first use). */
    public ClientHistory history;

    /** The newest cluster verdict for this client (its cluster, members and links), or null. */
    public ClusterVerdict cluster;

    /** Event time at which the pending idle-cleanup timer fires; 0 when none is set. */
    public long cleanupTimer;

    /** Event time at which the pending deadline timer (command, alert close) fires; 0: none. */
    public long wakeUpTimer;

    /** For Flink's POJO serializer. */
    public ClientState() {}

    /** The client's history, created on first use (and for state restored without one). */
    ClientHistory ensureHistory() {
        if (history == null) {
            history = new ClientHistory();
        }
        return history;
    }

    /** The newest request of the client: the trigger of alerts and commands raised by deadlines. */
    Alert.Sample lastRequest() {
        return samples.sample(samples.size - 1);
    }

    /** The enforcing command's action in force at {@code t}, or null. */
    String actionInForce(long t) {
        return enforcement.activeAt(t) ? enforcement.action : null;
    }

    /** The client's cluster verdict when a cluster rule is part of the current alert episode. */
    ClusterVerdict clusterBehind() {
        if (cluster == null) {
            return null;
        }
        for (String id : cluster.ruleIds) {
            if (Arrays.asList(episode.ruleIds).contains(id)) {
                return cluster;
            }
        }
        return null;
    }
}
