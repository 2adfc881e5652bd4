package dev.exdetect.rules.model;

import java.io.Serializable;
import java.util.List;

/**
 * A rule file as loaded: settings and rules (possibly several versions of one id, with different
 * {@code effective_from}).
 *
 * @param source where it came from (a file path, or a topic and key), for messages
 * @param settings pack-wide settings
 * @param rules the rules in file order
 * @param overrides allowlists and per-client / per-tenant exceptions
 */
public record RulePack(String source, RuleSettings settings, List<Rule> rules, Overrides overrides)
        implements Serializable {}
