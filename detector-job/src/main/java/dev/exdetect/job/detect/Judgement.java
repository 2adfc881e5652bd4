package dev.exdetect.job.detect;

import dev.exdetect.features.FeatureVector;
import dev.exdetect.job.model.Alert;
import dev.exdetect.rules.scoring.Firing;
import dev.exdetect.rules.scoring.RuleEvaluator;
import java.util.List;

/**
 * What the rules made of a client at one moment: what an alert or command raised then shows.
 *
 * @param trigger the request named as trigger (for a cluster verdict or a deadline, the client's
 *     newest request)
 * @param features every feature value evaluated
 * @param firings the rules that fired, with the thresholds they crossed; empty when time passing (a
 *     deadline) raised the message
 * @param risk the combined score of {@code firings}, in [0, 1]
 */
record Judgement(Alert.Sample trigger, FeatureVector features, List<Firing> firings, double risk) {

    /** The judgement of {@code firings} on {@code features}. */
    static Judgement of(Alert.Sample trigger, FeatureVector features, List<Firing> firings) {
        return new Judgement(trigger, features, firings, RuleEvaluator.riskScore(firings));
    }

    /** A moment at which no rule fired (a deadline): no firings, no risk. */
    static Judgement nothingFired(Alert.Sample trigger, FeatureVector features) {
        return new Judgement(trigger, features, List.of(), 0);
    }
}
