package dev.exdetect.job.detect;

import dev.exdetect.job.output.Json;
import dev.exdetect.job.output.OutputRecord;
import dev.exdetect.job.rules.RuleBook;
import dev.exdetect.job.rules.RuleMessage;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.parse.RuleJson;
import dev.exdetect.rules.parse.RulePackParser;

/**
 * The answer to an export command: the rules in force, every version, with the pack settings and
 * overrides, as one {@code exdetect.rules-export.v1} document for {@link
 * DetectionFunction#RULES_EXPORT}. The document is itself a rule pack, so replaying with it applies
 * the rules that were live.
 */
final class RulesExport {
    private RulesExport() {}

    /** The export of {@code book}, answering {@code request}. */
    static OutputRecord of(RuleBook book, RuleMessage request) {
        var doc = Json.object();
        doc.put("schema", RulePackParser.EXPORT_SCHEMA);
        doc.put("requested_by", request.origin);
        doc.set("settings", Json.MAPPER.valueToTree(RuleJson.settingsToMap(book.settings())));
        doc.set("overrides", Json.MAPPER.valueToTree(RuleJson.overridesToMap(book.overrides())));
        var rules = doc.putArray("rules");
        for (Rule r : book.allVersions()) {
            rules.add(Json.MAPPER.valueToTree(RuleJson.toMap(r)));
        }
        return OutputRecord.of(
                "rules", Json.bytes(doc), Long.MIN_VALUE, "rules-export:" + request.origin);
    }
}
