package dev.exdetect.evaluation.benchmark;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.output.Json;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Benchmark.Result}: Markdown tables (printed, written to {@code benchmark.md},
 * pasted into docs/DETECTION.md) and JSON ({@code benchmark.json}, schema {@code
 * exdetect.benchmark.v1}).
 */
public final class BenchmarkReport {
    private BenchmarkReport() {}

    /** The result as Markdown. */
    public static String markdown(Benchmark.Result r) {
        List<Scorecard> cards = r.cards();
        Scorecard det = cards.get(0);
        StringBuilder md = new StringBuilder();
        Benchmark.Settings s = r.settings();
        md.append(
                String.format(
                        Locale.ROOT,
                        "Seed %d, scale %s, corpus %s, rules %s, attack timing %s: %,d clients (%d"
                                + " attack accounts), %,d requests. Simulation and baselines %.0f"
                                + " s, detector %.0f s.%n%n",
                        s.seed(),
                        trim(s.scale()),
                        s.corpus().source(),
                        s.rules().source(),
                        s.attackTiming().id(),
                        r.clients(),
                        r.attackClients(),
                        r.records(),
                        r.simulateSeconds(),
                        r.detectSeconds()));
        md.append("Attack families: share of clients flagged, and for flagged clients the median")
                .append(" attack queries spent and median share of the budget at the flag.\n\n");
        md.append("| family | clients | detector flagged | queries | % budget |");
        for (Scorecard c : cards.subList(1, cards.size())) {
            md.append(' ').append(c.defence()).append(" flagged | % budget |");
        }
        md.append("\n|---|---:|---:|---:|---:|");
        md.append("---:|---:|".repeat(cards.size() - 1));
        md.append('\n');
        for (int i = 0; i < det.attacks().size(); i++) {
            Scorecard.AttackRow d = det.attacks().get(i);
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %s | %s | %s |",
                            d.family(),
                            d.clients(),
                            share(d.flagged(), d.clients()),
                            number(d.medianQueries()),
                            percent(d.medianShare())));
            for (Scorecard c : cards.subList(1, cards.size())) {
                Scorecard.AttackRow b = c.attacks().get(i);
                md.append(
                        String.format(
                                Locale.ROOT,
                                " %s | %s |",
                                share(b.flagged(), b.clients()),
                                percent(b.medianShare())));
            }
            md.append('\n');
        }
        md.append("\nBenign families: share of clients alerted on (detector: MEDIUM or more) and")
                .append(" enforced on (DEGRADE, THROTTLE, BLOCK); a baseline's flag is both.\n\n");
        md.append("| family | clients | detector alerted | detector enforced |");
        for (Scorecard c : cards.subList(1, cards.size())) {
            md.append(' ').append(c.defence()).append(" flagged |");
        }
        md.append("\n|---|---:|---:|---:|").append("---:|".repeat(cards.size() - 1)).append('\n');
        for (int i = 0; i < det.benign().size(); i++) {
            Scorecard.BenignRow d = det.benign().get(i);
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %s | %s |",
                            d.family(),
                            d.clients(),
                            share(d.alerted(), d.clients()),
                            share(d.enforced(), d.clients())));
            for (Scorecard c : cards.subList(1, cards.size())) {
                Scorecard.BenignRow b = c.benign().get(i);
                md.append(' ').append(share(b.enforced(), b.clients())).append(" |");
            }
            md.append('\n');
        }
        md.append("\nTargets of the issue (met: yes/no).\n\n| target |");
        for (Scorecard c : cards) {
            md.append(' ').append(c.defence()).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(cards.size())).append('\n');
        targetRow(
                md,
                "every attack family has a flagged client",
                cards,
                c -> {
                    var t = c.targets();
                    return yes(t.familiesWithNoneFlagged().isEmpty())
                            + (t.familiesWithNoneFlagged().isEmpty()
                                    ? ""
                                    : " (" + t.familiesWithNoneFlagged().size() + " missed)");
                });
        targetRow(
                md,
                "at least 95% of attack clients flagged",
                cards,
                c ->
                        yes(c.targets().attackFlaggedShare() >= 0.95)
                                + " ("
                                + percent(c.targets().attackFlaggedShare())
                                + ")");
        targetRow(
                md,
                "median flag within 5% of the budget (missed = beyond)",
                cards,
                c ->
                        yes(c.targets().medianShareAllAttackers() <= 0.05)
                                + " ("
                                + percent(c.targets().medianShareAllAttackers())
                                + ")");
        targetRow(
                md,
                "at most 0.5% of benign clients enforced on",
                cards,
                c ->
                        yes(c.targets().benignEnforcedShare() <= 0.005)
                                + " ("
                                + percent(c.targets().benignEnforcedShare())
                                + ")");
        targetRow(
                md,
                "at most 1% of benign clients alerted on",
                cards,
                c ->
                        yes(c.targets().benignAlertedShare() <= 0.01)
                                + " ("
                                + percent(c.targets().benignAlertedShare())
                                + ")");
        targetRow(
                md,
                "no template app, FAQ bot or batch job enforced on",
                cards,
                c ->
                        yes(c.targets().protectedFamiliesEnforced() == 0)
                                + " ("
                                + c.targets().protectedFamiliesEnforced()
                                + ")");
        md.append(
                        "\nWhat the baselines' thresholds cut: per family, the median over its clients of")
                .append(" the largest number of requests in any 60 s, and of the lowest PRADA W")
                .append(" (- when no client sent enough queries for the test).\n\n")
                .append("| family | requests in 60 s | PRADA W |\n|---|---:|---:|\n");
        for (Benchmark.FamilyScores f : r.baselineScores()) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %s |%n",
                            f.family(),
                            number(f.maxPerMinute()),
                            Double.isNaN(f.minW())
                                    ? "-"
                                    : String.format(Locale.ROOT, "%.3f", f.minW())));
        }
        md.append("\nSettings: ");
        for (Scorecard c : cards) {
            md.append(c.defence()).append(": ").append(c.setting()).append("; ");
        }
        md.append(
                String.format(
                        Locale.ROOT,
                        "%nCalibrated on this run (chat/vector): rate limits of %s requests per 60 s"
                                + " enforce on at most %.1f%% of each API's benign clients; PRADA"
                                + " with δ = %s flags at most %.0f%%.%n",
                        r.calibratedRateLimit().display(),
                        100 * Benchmark.RATE_LIMIT_FP_BUDGET,
                        r.calibratedPradaDelta().display(),
                        100 * Benchmark.PRADA_FP_BUDGET));
        return md.toString();
    }

    /** The result as JSON. */
    public static ObjectNode json(Benchmark.Result r) {
        ObjectNode o = Json.object();
        Benchmark.Settings s = r.settings();
        o.put("schema", "exdetect.benchmark.v1");
        o.put("seed", s.seed());
        o.put("scale", s.scale());
        o.put("corpus", s.corpus().source());
        o.put("rules", s.rules().source());
        o.put("attack_timing", s.attackTiming().id());
        o.put("clients", r.clients());
        o.put("attack_clients", r.attackClients());
        o.put("records", r.records());
        o.put("records_rejected", r.rejected());
        o.put("simulate_seconds", round(r.simulateSeconds()));
        o.put("detect_seconds", round(r.detectSeconds()));
        putThresholds(o, "calibrated_rate_limit", r.calibratedRateLimit());
        putThresholds(o, "calibrated_prada_delta", r.calibratedPradaDelta());
        ArrayNode scores = o.putArray("baseline_scores");
        for (Benchmark.FamilyScores f : r.baselineScores()) {
            ObjectNode n = scores.addObject();
            n.put("family", f.family());
            putNumber(n, "median_max_requests_per_60s", f.maxPerMinute());
            putNumber(n, "median_min_prada_w", f.minW());
        }
        ArrayNode defences = o.putArray("defences");
        for (Scorecard c : r.cards()) {
            ObjectNode d = defences.addObject();
            d.put("defence", c.defence());
            d.put("setting", c.setting());
            ArrayNode attacks = d.putArray("attack_families");
            for (Scorecard.AttackRow a : c.attacks()) {
                ObjectNode n = attacks.addObject();
                n.put("family", a.family());
                n.put("clients", a.clients());
                n.put("flagged", a.flagged());
                putNumber(n, "median_queries_to_flag", a.medianQueries());
                putNumber(n, "median_share_of_budget_at_flag", a.medianShare());
            }
            ArrayNode benign = d.putArray("benign_families");
            for (Scorecard.BenignRow b : c.benign()) {
                ObjectNode n = benign.addObject();
                n.put("family", b.family());
                n.put("clients", b.clients());
                n.put("alerted", b.alerted());
                n.put("enforced", b.enforced());
            }
            Scorecard.Targets t = c.targets();
            ObjectNode tj = d.putObject("targets");
            t.familiesWithNoneFlagged().forEach(tj.putArray("families_with_none_flagged")::add);
            putNumber(tj, "attack_flagged_share", t.attackFlaggedShare());
            putNumber(tj, "median_share_of_budget_all_attackers", t.medianShareAllAttackers());
            putNumber(tj, "benign_enforced_share", t.benignEnforcedShare());
            putNumber(tj, "benign_alerted_share", t.benignAlertedShare());
            tj.put("protected_families_enforced", t.protectedFamiliesEnforced());
            tj.put("all_met", t.allMet());
        }
        return o;
    }

    private interface Cell {
        String of(Scorecard c);
    }

    private static void targetRow(StringBuilder md, String name, List<Scorecard> cards, Cell cell) {
        md.append("| ").append(name).append(" |");
        for (Scorecard c : cards) {
            md.append(' ').append(cell.of(c)).append(" |");
        }
        md.append('\n');
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    private static String share(int part, int whole) {
        return String.format(Locale.ROOT, "%d/%d", part, whole);
    }

    private static String percent(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return "missed";
        }
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
    }

    /** {@code v} without a fractional part when it has none. */
    public static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** {@code v} to three decimals. */
    public static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Unrounded, so that a calibrated threshold can be reused exactly. */
    private static void putThresholds(ObjectNode o, String field, Thresholds t) {
        ObjectNode n = o.putObject(field);
        n.put("chat", t.chat());
        n.put("vector", t.vector());
    }

    private static void putNumber(ObjectNode n, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(field);
        } else {
            n.put(field, round(v));
        }
    }
}
