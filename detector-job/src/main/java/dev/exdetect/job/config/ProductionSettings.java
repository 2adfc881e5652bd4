package dev.exdetect.job.config;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * How the live job runs on a cluster: checkpoints (exactly-once, the Kafka transaction commit
 * points), state backend, restart strategy and max parallelism. These do not change what the
 * detector decides, only how it survives failures and scales. Every value is documented in
 * docs/OPERATIONS.md.
 *
 * <p>Settings left null are not set by the job, so a cluster's own configuration (its {@code
 * config.yaml}) applies; the job's values win over the cluster's for the settings it does set.
 *
 * @param checkpointInterval checkpoint and transaction-commit interval
 * @param checkpointDir durable checkpoint storage URI, or null
 * @param savepointDir default savepoint target URI, or null
 * @param stateBackend {@code hashmap} or {@code rocksdb}, or null
 * @param maxParallelism number of key groups; fixed for the life of the state
 * @param restartAttempts failed restarts in a row before giving up, or null for unlimited
 */
public record ProductionSettings(
        Duration checkpointInterval,
        String checkpointDir,
        String savepointDir,
        String stateBackend,
        int maxParallelism,
        Integer restartAttempts) {

    /**
     * Default max parallelism: 720 divides evenly by 1 to 6, 8, 9, 10, 12, 15, 16, 18, 20, 24, 30
     * and more, so key groups (and per-client state) spread evenly over most parallelisms.
     */
    public static final int DEFAULT_MAX_PARALLELISM = 720;

    /** A checkpoint that has not completed after this long is abandoned. */
    public static final Duration CHECKPOINT_TIMEOUT = Duration.ofMinutes(5);

    /** Checkpoint failures in a row that are tolerated before the job restarts. */
    public static final int TOLERABLE_CHECKPOINT_FAILURES = 3;

    /** Restart back-off: first delay, cap, and healthy time after which it starts over. */
    public static final Duration RESTART_INITIAL_BACKOFF = Duration.ofSeconds(1);

    public static final Duration RESTART_MAX_BACKOFF = Duration.ofMinutes(1);
    public static final Duration RESTART_RESET_AFTER = Duration.ofMinutes(10);

    /** Checks ranges; throws {@link IllegalArgumentException} naming the bad setting. */
    public ProductionSettings {
        if (checkpointInterval.isNegative() || checkpointInterval.toMillis() < 10) {
            throw new IllegalArgumentException("checkpoint interval must be at least 10ms");
        }
        if (maxParallelism < 1 || maxParallelism > 32768) {
            throw new IllegalArgumentException("max parallelism must be between 1 and 32768");
        }
        if (restartAttempts != null && restartAttempts < 0) {
            throw new IllegalArgumentException("restart attempts must not be negative");
        }
        if (stateBackend != null
                && !stateBackend.equals("hashmap")
                && !stateBackend.equals("rocksdb")) {
            throw new IllegalArgumentException("state backend must be hashmap or rocksdb");
        }
    }

    /** The Flink configuration of the job. */
    public static Configuration configuration(ProductionSettings s) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, s.checkpointInterval());
        conf.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        // Give processing room between checkpoints when a checkpoint takes long (large state).
        conf.set(
                CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS,
                s.checkpointInterval().dividedBy(2));
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, CHECKPOINT_TIMEOUT);
        conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, TOLERABLE_CHECKPOINT_FAILURES);
        // A cancelled job keeps its last checkpoint: it can be resumed from it like a savepoint.
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (s.checkpointDir() != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, s.checkpointDir());
        }
        if (s.savepointDir() != null) {
            conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, s.savepointDir());
        }
        if (s.stateBackend() != null) {
            conf.set(StateBackendOptions.STATE_BACKEND, s.stateBackend());
            if (s.stateBackend().equals("rocksdb")) {
                // Only the changed files are uploaded per checkpoint; and the number of clients
                // held becomes visible as a RocksDB metric.
                conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
                conf.setString("state.backend.rocksdb.metrics.estimate-num-keys", "true");
                conf.setString("state.backend.rocksdb.metrics.estimate-live-data-size", "true");
            }
        }
        conf.set(PipelineOptions.MAX_PARALLELISM, s.maxParallelism());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                RESTART_INITIAL_BACKOFF);
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                RESTART_MAX_BACKOFF);
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                RESTART_RESET_AFTER);
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS,
                s.restartAttempts() == null ? Integer.MAX_VALUE : s.restartAttempts());
        return conf;
    }
}
