package dev.exdetect.evaluation.worlds;

import dev.exdetect.evaluation.benchmark.Thresholds;
import dev.exdetect.evaluation.defences.MmdReference;

/**
 * Everything the benchmark fitted, on the calibration world only and with its labels, and then
 * applies unchanged to every report world. Today these are the baselines' settings; the detector
 * runs with its default rules and settings (it is measured, not tuned). When the detector gains
 * meta-parameters (how many robust spreads out, a value budget), they are fitted here too.
 *
 * @param calibrationWorld the world they were fitted on
 * @param rateLimit requests per 60 s above which the rate-limit baseline throttles (chat/vector)
 * @param pradaDelta Shapiro-Wilk W below which PRADA flags (chat/vector)
 * @param mmd the MMD baseline's benign reference and threshold
 * @param mmdReferenceClients benign clients the MMD reference was drawn from
 * @param mmdThresholdClients benign clients whose windows set the MMD threshold
 */
public record Fitted(
        String calibrationWorld,
        Thresholds rateLimit,
        Thresholds pradaDelta,
        MmdReference mmd,
        int mmdReferenceClients,
        int mmdThresholdClients) {}
