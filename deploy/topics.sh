#!/usr/bin/env bash
# Creates the detector's Kafka topics (idempotent: existing topics are left alone).
# Usage: BOOTSTRAP=host:9092 [KAFKA_BIN=/opt/kafka/bin] [REPLICATION=1] [REQUEST_PARTITIONS=12] deploy/topics.sh
# The same definitions are listed in deploy/README.md; docs/OPERATIONS.md explains the choices.
set -euo pipefail
BOOTSTRAP=${BOOTSTRAP:?set BOOTSTRAP to the Kafka bootstrap servers}
KAFKA_BIN=${KAFKA_BIN:-/opt/kafka/bin}
REPLICATION=${REPLICATION:-1}
REQUEST_PARTITIONS=${REQUEST_PARTITIONS:-12}
DAY=86400000

create() { # topic partitions [config...]
    local topic=$1 partitions=$2
    shift 2
    local configs=()
    for c in "$@"; do configs+=(--config "$c"); done
    "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
        --topic "$topic" --partitions "$partitions" --replication-factor "$REPLICATION" "${configs[@]}"
}

# Request logs: keyed by client; as many partitions as the most parallel you will ever run.
create api-requests "$REQUEST_PARTITIONS" retention.ms=$((7 * DAY))
# Alerts for the SOC: a month of history.
create extraction-alerts 3 retention.ms=$((30 * DAY))
# Throttle commands: compacted, so a gateway starting late reads the current state of every
# client; tombstones (lifts) are kept a day so consumers see them before they are cleaned.
create throttle-commands 3 cleanup.policy=compact delete.retention.ms=$DAY min.compaction.lag.ms=60000
create rejected-requests 3 retention.ms=$((7 * DAY))
# Rules: compacted (the latest version of every rule id), one partition (one order).
create detector-rules 1 cleanup.policy=compact delete.retention.ms=$((7 * DAY))
create detector-rules-rejected 1 retention.ms=$((30 * DAY))
create detector-control 1 retention.ms=$DAY
create detector-rules-export 1 retention.ms=$((30 * DAY))
