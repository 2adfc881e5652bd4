package dev.exdetect.evaluation.worlds;

import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.rules.model.RulePack;

/**
 * How the detector runs on every world: its rule pack and settings (the defaults unless told
 * otherwise; the benchmark measures them, it does not tune them) and the job's parallelism.
 */
public record DetectorSetup(RulePack rules, DetectorConfig config, int parallelism) {}
