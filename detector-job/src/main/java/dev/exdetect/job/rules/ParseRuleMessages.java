package dev.exdetect.job.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.output.OutputRecord;
import dev.exdetect.job.request.RawRecord;
import dev.exdetect.rules.model.Overrides;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RuleSettings;
import dev.exdetect.rules.parse.RuleFileException;
import dev.exdetect.rules.parse.RuleJson;
import dev.exdetect.rules.parse.RulePackParser;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates messages from the rules and control topics before they reach broadcast state, so a bad
 * update is refused (logged, and written to {@link Descriptors#REJECTED_RULES} with line and
 * reason) while the rules in force stay as they were. Runs with parallelism 1: each message is
 * judged once.
 *
 * <p>Rules topic: key = rule id, value = the rule in YAML or JSON; a null value deletes the rule;
 * key {@code _settings} carries the pack settings and {@code _overrides} the overrides (a null
 * value resets them). Control topic: {@code {"command": "export"}}.
 */
public class ParseRuleMessages extends ProcessFunction<RawRecord, RuleMessage> {
    /** Rules-topic key of the settings message. */
    public static final String SETTINGS_KEY = "_settings";

    /** Rules-topic key of the overrides message. */
    public static final String OVERRIDES_KEY = "_overrides";

    /** Marker for messages that come from the control topic. */
    public static final String CONTROL_KEY = "_control";

    private static final Logger LOG = LoggerFactory.getLogger(ParseRuleMessages.class);

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<RuleMessage> out) {
        try {
            out.collect(parse(raw));
        } catch (RuleFileException e) {
            LOG.warn("Refused rule update, the rules in force are unchanged: {}", e.getMessage());
            ctx.output(Descriptors.REJECTED_RULES, rejection(raw, e));
        }
    }

    /** Turns one raw message into a validated rule message. */
    public static RuleMessage parse(RawRecord raw) throws RuleFileException {
        String text = raw.bytes == null ? null : new String(raw.bytes, StandardCharsets.UTF_8);
        if (CONTROL_KEY.equals(raw.key)) {
            return control(raw, text);
        }
        if (raw.key == null || raw.key.isEmpty()) {
            throw new RuleFileException(
                    raw.origin, 0, 0, "a rule message needs the rule id as its key");
        }
        if (SETTINGS_KEY.equals(raw.key)) {
            return text == null
                    ? new RuleMessage(RuleMessage.Kind.SETTINGS, null, 0, null, raw.origin)
                    : settings(RulePackParser.parseSettings(raw.origin, text), raw.origin);
        }
        if (OVERRIDES_KEY.equals(raw.key)) {
            return text == null
                    ? new RuleMessage(RuleMessage.Kind.OVERRIDES, null, 0, null, raw.origin)
                    : overrides(RulePackParser.parseOverrides(raw.origin, text), raw.origin);
        }
        if (text == null) {
            return new RuleMessage(RuleMessage.Kind.DELETE, raw.key, 0, null, raw.origin);
        }
        Rule rule = RulePackParser.parseRule(raw.origin, text);
        if (!rule.id().equals(raw.key)) {
            throw new RuleFileException(
                    raw.origin,
                    0,
                    0,
                    "the message key '"
                            + raw.key
                            + "' differs from the rule id '"
                            + rule.id()
                            + "'");
        }
        return upsert(rule, raw.origin);
    }

    /** The message that adds {@code rule} (canonical JSON). */
    public static RuleMessage upsert(Rule rule, String origin) {
        return new RuleMessage(
                RuleMessage.Kind.UPSERT,
                rule.id(),
                rule.version(),
                Json.MAPPER.valueToTree(RuleJson.toMap(rule)).toString(),
                origin);
    }

    /** The message that sets the overrides. */
    public static RuleMessage overrides(Overrides overrides, String origin) {
        return new RuleMessage(
                RuleMessage.Kind.OVERRIDES,
                null,
                0,
                Json.MAPPER.valueToTree(RuleJson.overridesToMap(overrides)).toString(),
                origin);
    }

    /** The message that sets the pack settings. */
    public static RuleMessage settings(RuleSettings settings, String origin) {
        return new RuleMessage(
                RuleMessage.Kind.SETTINGS,
                null,
                0,
                Json.MAPPER.valueToTree(RuleJson.settingsToMap(settings)).toString(),
                origin);
    }

    private static RuleMessage control(RawRecord raw, String text) throws RuleFileException {
        JsonNode doc;
        try {
            doc = text == null ? null : Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new RuleFileException(
                    raw.origin, 0, 0, "control command is not JSON: " + e.getMessage());
        }
        if (doc == null || !doc.path("command").isTextual()) {
            throw new RuleFileException(
                    raw.origin, 0, 0, "control command needs {\"command\": \"export\"}");
        }
        String command = doc.get("command").textValue();
        if (!command.equals("export")) {
            throw new RuleFileException(
                    raw.origin, 0, 0, "unknown control command '" + command + "'; known: export");
        }
        return new RuleMessage(RuleMessage.Kind.EXPORT, null, 0, null, raw.origin);
    }

    private static OutputRecord rejection(RawRecord raw, RuleFileException e) {
        ObjectNode o = Json.object();
        o.put("schema", "exdetect.rejected-rule.v1");
        o.put("origin", raw.origin);
        o.put("key", raw.key);
        o.put("line", e.line());
        o.put("column", e.column());
        o.put("reason", e.reason());
        o.put("message", e.getMessage());
        o.put("raw", raw.bytes == null ? null : new String(raw.bytes, StandardCharsets.UTF_8));
        return OutputRecord.of(raw.key, Json.bytes(o), Long.MIN_VALUE, raw.origin);
    }
}
