package dev.exdetect.rules.scoring;

import dev.exdetect.rules.expr.Comparison;
import dev.exdetect.rules.model.Rule;
import java.util.List;

/**
 * A rule that fired, with the comparisons of its condition that held (the thresholds crossed) for
 * the alert to show.
 *
 * @param rule the rule version that fired
 * @param crossed comparisons that held, in the order written
 */
public record Firing(Rule rule, List<Comparison> crossed) {}
