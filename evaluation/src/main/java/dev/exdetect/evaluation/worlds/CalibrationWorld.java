package dev.exdetect.evaluation.worlds;

import dev.exdetect.evaluation.defences.MmdCalibration;
import java.util.List;

/**
 * The calibration world's observation with its labels and every chat client's queries: the only
 * input {@link Calibrator} fits on. Only {@link WorldRuns#calibration} makes one, and the
 * report-world path never sees one, so nothing fitted can come from a report world or its labels.
 */
final class CalibrationWorld {
    private final Observed observed;
    private final List<MmdCalibration.ClientTexts> texts;

    CalibrationWorld(Observed observed, List<MmdCalibration.ClientTexts> texts) {
        this.observed = observed;
        this.texts = texts;
    }

    Observed observed() {
        return observed;
    }

    List<MmdCalibration.ClientTexts> texts() {
        return texts;
    }
}
