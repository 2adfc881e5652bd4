package dev.exdetect.job.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.detect.DetectionFunction;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.request.ClientKeys;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RulePack;
import dev.exdetect.rules.parse.RuleJson;
import dev.exdetect.rules.parse.RulePackParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The rule book is compiled once per instance and then kept up to date message by message; after
 * every message it must hold exactly what a book compiled from scratch from the same broadcast
 * state holds (the state a restore would find), for every kind of message.
 */
class RuleBookTest {
    private static final String PACK =
            """
            settings:
              suppress_for: 10m
            overrides:
              tenants:
                - {tenant: acme, thresholds: {busy: {requests_last_minute: 100}}}
            rules:
              - id: busy
                version: 1
                description: many requests
                when: requests_last_minute >= 30
                score: 0.5
              - id: busy
                version: 2
                effective_from: 2026-11-02T10:00:00Z
                description: many requests, later
                when: requests_last_minute >= 40
                score: 0.6
              - id: tenth
                version: 1
                description: the tenth request
                when: requests_total >= 10
                score: 0.2
            """;

    @Test
    void eachMessageKeepsTheBookEqualToOneCompiledFromTheState() throws Exception {
        RulePack pack = RulePackParser.parsePack("pack", PACK);
        List<RuleMessage> messages = new ArrayList<>();
        messages.add(ParseRuleMessages.settings(pack.settings(), "pack"));
        messages.add(ParseRuleMessages.overrides(pack.overrides(), "pack"));
        for (Rule r : pack.rules()) {
            messages.add(ParseRuleMessages.upsert(r, "pack"));
        }
        Rule replaced =
                RulePackParser.parseRule(
                        "topic",
                        "{id: tenth, version: 1, description: now the twentieth,"
                                + " when: requests_total >= 20, score: 0.3}");
        messages.add(ParseRuleMessages.upsert(replaced, "topic"));
        messages.add(new RuleMessage(RuleMessage.Kind.DELETE, "busy", 0, null, "topic"));
        messages.add(new RuleMessage(RuleMessage.Kind.OVERRIDES, null, 0, null, "topic"));
        messages.add(new RuleMessage(RuleMessage.Kind.SETTINGS, null, 0, null, "topic"));
        messages.add(new RuleMessage(RuleMessage.Kind.EXPORT, null, 0, null, "control"));

        try (var harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new DetectionFunction(DetectorConfig.defaults()),
                        e -> ClientKeys.of(e.tenant, e.clientId),
                        Types.STRING,
                        Descriptors.RULES)) {
            BroadcastState<String, String> state =
                    ((AbstractStreamOperator<?>) harness.getOperator())
                            .getOperatorStateBackend()
                            .getBroadcastState(Descriptors.RULES);
            RuleBook book = RuleBook.restore(state.immutableEntries());
            List<String> seen = new ArrayList<>();
            for (RuleMessage m : messages) {
                book.apply(state, m);
                String incremental = describe(book);
                assertThat(incremental)
                        .as("after %s %s", m.kind, m.ruleId)
                        .isEqualTo(describe(RuleBook.restore(state.immutableEntries())));
                seen.add(incremental);
            }
            // The sequence really changed the book at each kind of message (else equality says
            // little): the pack, the replaced version, the delete, and the resets differ.
            assertThat(seen.subList(4, 8)).doesNotHaveDuplicates();
            assertThat(describe(book)).contains("now the twentieth").doesNotContain("busy");
        }
    }

    /** Everything a book answers, as text: versions, settings, overrides, tenant variants. */
    private static String describe(RuleBook book) {
        var doc = Json.object();
        var rules = doc.putArray("rules");
        for (Rule r : book.allVersions()) {
            rules.add(Json.MAPPER.valueToTree(RuleJson.toMap(r)));
        }
        doc.set("settings", Json.MAPPER.valueToTree(RuleJson.settingsToMap(book.settings())));
        doc.set("overrides", Json.MAPPER.valueToTree(RuleJson.overridesToMap(book.overrides())));
        long later = Instant.parse("2026-11-03T00:00:00Z").toEpochMilli();
        var inForce = doc.putArray("in_force_for_acme");
        for (Rule r : book.rulesAt(later, "acme")) {
            inForce.add(r.id() + "@" + r.version() + ": " + r.condition().text());
        }
        return doc.toString();
    }
}
