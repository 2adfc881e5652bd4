package dev.exdetect.job.detect;

import dev.exdetect.features.engine.ClientFeatureState;
import dev.exdetect.job.model.ClientHistory;
import dev.exdetect.job.model.ClusterVerdict;
import dev.exdetect.rules.response.EnforcementState;

/**
 * All per-client state of the detection step. Bounded: the feature state has a fixed size (see
 * {@link ClientFeatureState}), the evidence ring 5 entries, the enforcement state a few numbers,
 * the alert episode one entry per rule that fired, the history 5 episodes and 5 commands. Dropped
 * after the configured idle TTL (in event time). A Flink POJO.
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

    /** Alert messages sent for this client. */
    public long alerts;

    /** Event time at which the pending idle-cleanup timer fires; 0 when none is set. */
    public long cleanupTimer;

    /** Event time at which the pending deadline timer (command, alert close) fires; 0: none. */
    public long wakeUpTimer;

    /** For Flink's POJO serializer. */
    public ClientState() {}
}
