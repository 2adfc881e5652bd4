package dev.exdetect.evaluation.worlds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.evaluation.benchmark.Thresholds;
import dev.exdetect.job.output.Json;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link WorldsBenchmark.Result}: readable tables (Markdown, printed on the console and
 * written to {@code worlds-benchmark.md}) and JSON ({@code worlds-benchmark.json}, schema {@code
 * exdetect.worlds-benchmark.v1}, documented in docs/FORMATS.md).
 */
public final class WorldsReport {
    /** The JSON report's schema. */
    public static final String SCHEMA = "exdetect.worlds-benchmark.v1";

    /** What this benchmark does not measure, said in every report. */
    public static final List<String> NOT_MEASURED =
            List.of(
                    "cost per request of the detector's features (JMH: docs/BENCHMARKS.md)",
                    "replay throughput (the throughput command)");

    private WorldsReport() {}

    /** The result as Markdown tables. */
    public static String markdown(WorldsBenchmark.Result r) {
        StringBuilder md = new StringBuilder();
        Fitted f = r.fitted();
        md.append(
                String.format(
                        Locale.ROOT,
                        "Benchmark of worlds: fitted on %s, reported on %d worlds the fit never"
                                + " saw; detector rules %s; %.0f s in all.%n%n",
                        f.calibrationWorld(),
                        r.reports().size(),
                        r.rules(),
                        r.seconds()));
        md.append(
                String.format(
                        Locale.ROOT,
                        "Fitted on %s (benign clients only for the thresholds): rate limit %s"
                                + " requests per 60 s (chat/vector, 0.5%% benign budget); PRADA δ %s"
                                + " (1%%); MMD threshold %.5f on windows of %d queries, reference"
                                + " of %d queries from %d benign clients, threshold from %d other"
                                + " benign clients (1%%).%n%n",
                        f.calibrationWorld(),
                        f.rateLimit().display(),
                        f.pradaDelta().display(),
                        f.mmd().threshold(),
                        f.mmd().window(),
                        f.mmd().reference().size(),
                        f.mmdReferenceClients(),
                        f.mmdThresholdClients()));
        md.append("## Worst report world per target\n\n");
        summary(md, r.worst());
        for (WorldScore w : r.reports()) {
            world(md, w);
        }
        md.append("## Calibration world (fitted here: these numbers show the fit, not how it")
                .append(" generalises)\n\n");
        world(md, r.calibration());
        md.append("Not measured by this benchmark: ")
                .append(String.join("; ", NOT_MEASURED))
                .append(".\n");
        return md.toString();
    }

    private static void summary(StringBuilder md, List<Target.Worst> worst) {
        List<String> defences = worst.stream().map(Target.Worst::defence).distinct().toList();
        md.append("| target | goal |");
        defences.forEach(d -> md.append(' ').append(d).append(" (worst world) |"));
        md.append("\n|---|---|").append("---|".repeat(defences.size())).append('\n');
        for (Target t : Target.ALL) {
            md.append("| ").append(t.description()).append(" | ").append(goal(t)).append(" |");
            for (String d : defences) {
                Target.Worst w =
                        worst.stream()
                                .filter(x -> x.target() == t && x.defence().equals(d))
                                .findFirst()
                                .orElseThrow();
                md.append(' ').append(cell(w)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static String cell(Target.Worst w) {
        if (w.world() == null) {
            return "-";
        }
        String v =
                w.target().id().equals("app_archetypes_enforced")
                        ? Long.toString(Math.round(w.value()))
                        : percent(w.value());
        String detail = w.detail() == null ? "" : " " + w.detail();
        String met =
                Double.isNaN(w.target().goal())
                        ? ""
                        : w.met()
                                ? " ✓"
                                : String.format(
                                        Locale.ROOT, " ✗ (%d/%d)", w.worldsMeeting(), w.worlds());
        return v + detail + " (" + w.world() + ")" + met;
    }

    private static String goal(Target t) {
        if (Double.isNaN(t.goal())) {
            return "-";
        }
        String v = t.id().equals("app_archetypes_enforced") ? "0" : percent(t.goal());
        return (t.higherIsBetter() ? ">= " : "<= ") + v;
    }

    private static void world(StringBuilder md, WorldScore w) {
        md.append("## ").append(w.world().name()).append(" (").append(w.role()).append(")\n\n");
        if (!w.world().description().isBlank()) {
            md.append(w.world().description()).append("\n\n");
        }
        md.append(
                String.format(
                        Locale.ROOT,
                        "%s from %s, victim %s, corpus %s; %,d clients (%d attack accounts), %,d"
                                + " requests (%d refused); simulation and baselines %.0f s,"
                                + " detector %.0f s.%n%n",
                        hours(w.world().durationMillis()),
                        Instant.ofEpochMilli(w.world().startMillis()),
                        w.victim(),
                        w.corpus(),
                        w.clients(),
                        w.attackClients(),
                        w.records(),
                        w.recordsRejected(),
                        w.simulateSeconds(),
                        w.detectSeconds()));
        List<DefenceScore> ds = w.defences();
        DefenceScore det = ds.get(0);
        md.append("Attack archetypes: accounts flagged (MEDIUM+ alert or enforcement) of n, with")
                .append(" the median share of the budget at the flag; the detector's enforcements")
                .append(" and the median share at the first one.\n\n");
        md.append("| archetype | family | n | detector flagged | enforced |");
        ds.subList(1, ds.size()).forEach(d -> md.append(' ').append(d.defence()).append(" |"));
        md.append("\n|---|---|---:|---|---|").append("---|".repeat(ds.size() - 1)).append('\n');
        for (int i = 0; i < det.attackArchetypes().size(); i++) {
            DefenceScore.AttackRow a = det.attackArchetypes().get(i);
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %d | %s | %s |",
                            a.name(),
                            a.family(),
                            a.clients(),
                            flagged(a),
                            enforced(a)));
            for (DefenceScore d : ds.subList(1, ds.size())) {
                md.append(' ').append(flagged(d.attackArchetypes().get(i))).append(" |");
            }
            md.append('\n');
        }
        md.append("\nAttack families (n summed over their archetypes):\n\n");
        md.append("| family | n | detector flagged | enforced |");
        ds.subList(1, ds.size()).forEach(d -> md.append(' ').append(d.defence()).append(" |"));
        md.append("\n|---|---:|---|---|").append("---|".repeat(ds.size() - 1)).append('\n');
        for (int i = 0; i < det.attackFamilies().size(); i++) {
            DefenceScore.AttackRow a = det.attackFamilies().get(i);
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %s | %s |",
                            a.name(),
                            a.clients(),
                            flagged(a),
                            enforced(a)));
            for (DefenceScore d : ds.subList(1, ds.size())) {
                md.append(' ').append(flagged(d.attackFamilies().get(i))).append(" |");
            }
            md.append('\n');
        }
        if (!det.campaigns().isEmpty()) {
            md.append("\nSybil campaigns and hydra chains, members one by one: members flagged,")
                    .append(" median share of a member's own budget at its flag (missed =")
                    .append(" beyond), members flagged before 25% of theirs, campaigns with a")
                    .append(" member flagged.\n\n");
            md.append("| archetype | defence | campaigns | members | flagged | % own budget |")
                    .append(" before 25% | campaigns hit |\n|---|---|---:|---:|---|---|---|---|\n");
            for (int i = 0; i < det.campaigns().size(); i++) {
                for (DefenceScore d : ds) {
                    DefenceScore.CampaignRow c = d.campaigns().get(i);
                    md.append(
                            String.format(
                                    Locale.ROOT,
                                    "| %s | %s | %d | %d | %d/%d | %s | %d/%d | %d/%d |%n",
                                    c.archetype(),
                                    d.defence(),
                                    c.campaigns(),
                                    c.members(),
                                    c.membersFlagged(),
                                    c.members(),
                                    percent(c.medianMemberShareAtFlag()),
                                    c.membersFlaggedBefore25(),
                                    c.members(),
                                    c.campaignsFlagged(),
                                    c.campaigns()));
                }
            }
        }
        md.append(
                        "\nBenign archetypes: clients alerted (MEDIUM+ or enforced) and enforced on by the")
                .append(
                        " detector, of n, and flagged by each baseline (which flags and enforces at")
                .append(" once); app = a legitimate application or group.\n\n");
        md.append("| archetype | family | app | n | detector alerted | enforced |");
        ds.subList(1, ds.size()).forEach(d -> md.append(' ').append(d.defence()).append(" |"));
        md.append("\n|---|---|---|---:|---:|---:|")
                .append("---:|".repeat(ds.size() - 1))
                .append('\n');
        for (int i = 0; i < det.benignArchetypes().size(); i++) {
            DefenceScore.BenignRow b = det.benignArchetypes().get(i);
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %d | %d | %d |",
                            b.archetype(),
                            b.family(),
                            b.app() ? "app" : "",
                            b.clients(),
                            b.alerted(),
                            b.enforced()));
            for (DefenceScore d : ds.subList(1, ds.size())) {
                md.append(' ').append(d.benignArchetypes().get(i).enforced()).append(" |");
            }
            md.append('\n');
        }
        md.append("\nTotals:\n\n| defence | attack flagged | enforced | median % budget at flag")
                .append(" | benign alerted | benign enforced | apps enforced on |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (DefenceScore d : ds) {
            DefenceScore.Totals t = d.totals();
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %s | %s | %s | %s |%n",
                            d.defence(),
                            fraction(t.attackFlagged(), t.attackClients()),
                            fraction(t.attackEnforced(), t.attackClients()),
                            percent(t.medianShareAtFlag()),
                            fraction(t.benignAlerted(), t.benignClients()),
                            fraction(t.benignEnforced(), t.benignClients()),
                            t.appArchetypesEnforced().isEmpty()
                                    ? "none"
                                    : String.join(", ", t.appArchetypesEnforced())));
        }
        md.append("\nSettings: ");
        for (DefenceScore d : ds) {
            md.append(d.defence()).append(": ").append(d.setting()).append("; ");
        }
        md.setLength(md.length() - 2);
        md.append(".\n\n");
    }

    /** A world's length for people: {@code 10 h}, {@code 9.5 h}, {@code 20 min}. */
    static String hours(long millis) {
        return millis >= 3_600_000
                ? String.format(Locale.ROOT, "%.3g h", millis / 3_600_000.0)
                        .replaceFirst("\\.?0+ h$", " h")
                : String.format(Locale.ROOT, "%d min", millis / 60_000);
    }

    private static String flagged(DefenceScore.AttackRow a) {
        return a.flagged() == 0
                ? "0/" + a.clients()
                : a.flagged() + "/" + a.clients() + " (" + percent(a.medianShareAtFlag()) + ")";
    }

    private static String enforced(DefenceScore.AttackRow a) {
        return a.enforced() == 0
                ? "0/" + a.clients()
                : a.enforced()
                        + "/"
                        + a.clients()
                        + " ("
                        + percent(a.medianShareAtEnforcement())
                        + ")";
    }

    private static String fraction(int part, int whole) {
        return whole == 0
                ? "-"
                : String.format(Locale.ROOT, "%d/%d (%.1f%%)", part, whole, 100.0 * part / whole);
    }

    private static String percent(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return "beyond";
        }
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** The result as JSON ({@value #SCHEMA}). */
    public static ObjectNode json(WorldsBenchmark.Result r) {
        ObjectNode root = Json.object();
        root.put("schema", SCHEMA);
        root.put("calibration_world", r.fitted().calibrationWorld());
        root.put("rules", r.rules());
        ObjectNode fitted = root.putObject("fitted");
        Fitted f = r.fitted();
        thresholds(fitted, "rate_limit", f.rateLimit());
        thresholds(fitted, "prada_delta", f.pradaDelta());
        ObjectNode mmd = fitted.putObject("mmd");
        mmd.put("threshold", f.mmd().threshold());
        mmd.put("gamma", f.mmd().gamma());
        mmd.put("window", f.mmd().window());
        mmd.put("reference_queries", f.mmd().reference().size());
        mmd.put("reference_clients", f.mmdReferenceClients());
        mmd.put("threshold_clients", f.mmdThresholdClients());
        ArrayNode summary = root.putArray("summary");
        for (Target.Worst w : r.worst()) {
            ObjectNode n = summary.addObject();
            n.put("target", w.target().id());
            n.put("description", w.target().description());
            number(n, "goal", w.target().goal());
            n.put("at_least", w.target().higherIsBetter());
            n.put("defence", w.defence());
            n.put("worst_world", w.world());
            number(n, "value", w.value());
            n.put("detail", w.detail());
            n.put("worlds_meeting", w.worldsMeeting());
            n.put("worlds", w.worlds());
            n.put("met", w.met());
        }
        ArrayNode worlds = root.putArray("worlds");
        worlds.add(world(r.calibration()));
        r.reports().forEach(w -> worlds.add(world(w)));
        ArrayNode not = root.putArray("not_measured");
        NOT_MEASURED.forEach(not::add);
        number(root, "run_seconds", r.seconds());
        return root;
    }

    private static ObjectNode world(WorldScore w) {
        ObjectNode n = Json.object();
        n.put("name", w.world().name());
        n.put("role", w.role());
        n.put("file", w.world().file());
        n.put("description", w.world().description());
        n.put("seed", w.world().seed());
        n.put("start", Instant.ofEpochMilli(w.world().startMillis()).toString());
        number(n, "hours", w.world().durationMillis() / 3_600_000.0);
        n.put("victim", w.victim());
        n.put("corpus", w.corpus());
        n.put("clients", w.clients());
        n.put("attack_clients", w.attackClients());
        n.put("benign_clients", w.clients() - w.attackClients());
        n.put("records", w.records());
        n.put("records_rejected", w.recordsRejected());
        number(n, "simulate_seconds", w.simulateSeconds());
        number(n, "detect_seconds", w.detectSeconds());
        ArrayNode defences = n.putArray("defences");
        for (DefenceScore d : w.defences()) {
            ObjectNode o = defences.addObject();
            o.put("defence", d.defence());
            o.put("setting", d.setting());
            attackRows(o.putArray("attack_archetypes"), d.attackArchetypes(), "archetype");
            attackRows(o.putArray("attack_families"), d.attackFamilies(), "family");
            ArrayNode campaigns = o.putArray("campaigns");
            for (DefenceScore.CampaignRow c : d.campaigns()) {
                ObjectNode x = campaigns.addObject();
                x.put("archetype", c.archetype());
                x.put("family", c.family());
                x.put("campaigns", c.campaigns());
                x.put("campaigns_flagged", c.campaignsFlagged());
                x.put("members", c.members());
                x.put("members_flagged", c.membersFlagged());
                number(x, "median_member_share_at_flag", c.medianMemberShareAtFlag());
                x.put("members_flagged_before_25_percent", c.membersFlaggedBefore25());
            }
            ArrayNode benign = o.putArray("benign_archetypes");
            for (DefenceScore.BenignRow b : d.benignArchetypes()) {
                ObjectNode x = benign.addObject();
                x.put("archetype", b.archetype());
                x.put("family", b.family());
                x.put("app", b.app());
                x.put("clients", b.clients());
                x.put("alerted", b.alerted());
                x.put("enforced", b.enforced());
            }
            DefenceScore.Totals t = d.totals();
            ObjectNode x = o.putObject("totals");
            x.put("attack_clients", t.attackClients());
            x.put("attack_flagged", t.attackFlagged());
            x.put("attack_enforced", t.attackEnforced());
            number(x, "median_share_at_flag", t.medianShareAtFlag());
            x.put("benign_clients", t.benignClients());
            x.put("benign_alerted", t.benignAlerted());
            x.put("benign_enforced", t.benignEnforced());
            ArrayNode apps = x.putArray("app_archetypes_enforced");
            t.appArchetypesEnforced().forEach(apps::add);
            x.put("worst_family", t.worstFamily());
            number(x, "worst_family_flagged_share", t.worstFamilyShare());
            x.put("worst_archetype", t.worstArchetype());
            number(x, "worst_archetype_flagged_share", t.worstArchetypeShare());
            x.put("campaign_members", t.campaignMembers());
            x.put("campaign_members_flagged", t.campaignMembersFlagged());
            number(x, "sybil_median_member_share_at_flag", t.sybilMedianMemberShareAtFlag());
        }
        return n;
    }

    private static void attackRows(ArrayNode out, List<DefenceScore.AttackRow> rows, String key) {
        for (DefenceScore.AttackRow a : rows) {
            ObjectNode x = out.addObject();
            x.put(key, a.name());
            x.put("family", a.family());
            x.put("clients", a.clients());
            x.put("flagged", a.flagged());
            x.put("enforced", a.enforced());
            number(x, "median_share_at_flag", a.medianShareAtFlag());
            number(x, "median_share_at_enforcement", a.medianShareAtEnforcement());
            number(x, "median_queries_at_flag", a.medianQueriesAtFlag());
        }
    }

    private static void thresholds(ObjectNode o, String field, Thresholds t) {
        ObjectNode n = o.putObject(field);
        number(n, "chat", t.chat());
        number(n, "vector", t.vector());
    }

    /** A number; null for NaN (nothing to measure), "beyond" for +Infinity (past the budget). */
    private static void number(ObjectNode n, String field, double v) {
        if (Double.isNaN(v)) {
            n.putNull(field);
        } else if (Double.isInfinite(v)) {
            n.put(field, "beyond");
        } else {
            n.put(field, Math.round(v * 1e6) / 1e6);
        }
    }
}
