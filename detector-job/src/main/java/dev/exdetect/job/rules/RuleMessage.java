package dev.exdetect.job.rules;

/**
 * An element of the rules stream, after validation: a rule version to add, a rule to delete, new
 * pack settings or overrides, or a control command. Rules, settings and overrides travel as
 * canonical JSON text, so broadcast state holds only strings. A Flink POJO.
 */
public class RuleMessage {
    /** What the message does. */
    public enum Kind {
        /** Add (or replace) one version of a rule: {@link #text} is its canonical JSON. */
        UPSERT,
        /** Remove every version of {@link #ruleId}. */
        DELETE,
        /** Replace the pack settings with {@link #text} (null: back to the defaults). */
        SETTINGS,
        /** Replace the overrides with {@link #text} (null: none). */
        OVERRIDES,
        /** Write the rules in force to the rules-export output. */
        EXPORT
    }

    public Kind kind;
    public String ruleId;
    public int version;
    public String text;

    /** Where the message came from (file, or topic/partition@offset). */
    public String origin;

    /** For Flink's POJO serializer. */
    public RuleMessage() {}

    /** A message of {@code kind}. */
    public RuleMessage(Kind kind, String ruleId, int version, String text, String origin) {
        this.kind = kind;
        this.ruleId = ruleId;
        this.version = version;
        this.text = text;
        this.origin = origin;
    }
}
