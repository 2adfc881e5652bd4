package dev.exdetect.evaluation.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.output.Json;
import java.time.Instant;
import java.util.Locale;

/**
 * Renders an {@link Audit.Result} for people (console) and as JSON ({@code exdetect.audit.v1},
 * documented in docs/DETECTION.md).
 */
public final class AuditReport {
    private AuditReport() {}

    /** The readable report. */
    public static String text(Audit.Result r) {
        Audit.Settings s = r.settings();
        StringBuilder t = new StringBuilder();
        t.append(
                String.format(
                        Locale.ROOT,
                        "exdetect audit: %s (%s), budget %,d queries%n",
                        s.family().id(),
                        s.family().description(),
                        s.budget()));
        t.append(
                String.format(
                        Locale.ROOT,
                        "  seed %d; rules %s; corpus %s; attack timing %s%n",
                        s.seed(),
                        s.rules().source(),
                        s.corpus().source(),
                        s.attackTiming().id()));
        t.append(
                String.format(
                        Locale.ROOT,
                        "  attack: %d account(s), %,d attack queries in %,d requests, %s to %s%n",
                        r.attackClients().size(),
                        r.attackQueries(),
                        r.attackRequests(),
                        Instant.ofEpochMilli(r.attackStartMillis()),
                        Instant.ofEpochMilli(r.attackEndMillis())));
        t.append(
                String.format(
                        Locale.ROOT,
                        "  background: %d benign clients; %,d requests in all; detector %.1f s%n%n",
                        r.backgroundClients(),
                        r.records(),
                        r.detectSeconds()));
        t.append("Detection\n");
        t.append(moment("first alert", r.firstAlert(), r));
        t.append(moment("first MEDIUM+ alert", r.firstMediumAlert(), r));
        t.append(moment("first enforcement", r.firstEnforcement(), r));
        if (r.attackClients().size() > 1) {
            t.append(
                    String.format(
                            Locale.ROOT,
                            "  accounts alerted on: %d of %d; enforced on: %d of %d%n",
                            r.accountsAlerted(),
                            r.attackClients().size(),
                            r.accountsEnforced(),
                            r.attackClients().size()));
        }
        t.append(
                String.format(
                        Locale.ROOT,
                        "  background clients alerted on (MEDIUM+): %d, enforced on: %d%n%n",
                        r.benignAlerted(),
                        r.benignEnforced()));
        t.append("What leaked (attack queries)\n");
        t.append(leak("before the first enforcement", r.beforeEnforcement()));
        t.append(leak("over the whole budget, with the defence", r.withDefence()));
        Audit.Fidelity f = r.fidelity();
        if (f != null) {
            t.append(
                    String.format(
                            Locale.ROOT,
                            "%nStolen model: fidelity of a surrogate (agreement with the victim on"
                                    + " %d held-out real rows)%n",
                            f.heldOutRows()));
            t.append(fidelity("at the first alert", f.atFirstAlert()));
            t.append(fidelity("at the first enforcement", f.atFirstEnforcement()));
            t.append(fidelity("with the defence, whole budget", f.withDefence()));
            t.append(fidelity("no defence, whole budget", f.undefended()));
            for (int i = 0; i < Audit.CURVE.length; i++) {
                t.append(
                        fidelity(
                                String.format(
                                        Locale.ROOT,
                                        "no defence, %.0f%% of the budget",
                                        100 * Audit.CURVE[i]),
                                f.curve().get(i)));
            }
        }
        t.append('\n').append(verdict(r)).append('\n');
        return t.toString();
    }

    private static String verdict(Audit.Result r) {
        Audit.Moment e = r.firstEnforcement();
        Audit.Moment a = r.firstMediumAlert();
        if (e != null) {
            return String.format(
                    Locale.ROOT,
                    "Verdict: enforced on after %,d of %,d queries (%.1f%% of the budget).",
                    e.attackQueries(),
                    r.settings().budget(),
                    100 * e.shareOfBudget());
        }
        if (a != null) {
            return String.format(
                    Locale.ROOT,
                    "Verdict: alerted on after %,d queries (%.1f%% of the budget), never enforced"
                            + " on.",
                    a.attackQueries(),
                    100 * a.shareOfBudget());
        }
        return "Verdict: not caught; the attacker spent its whole budget undisturbed.";
    }

    private static String moment(String name, Audit.Moment m, Audit.Result r) {
        if (m == null) {
            return String.format(Locale.ROOT, "  %-22s none%n", name + ":");
        }
        return String.format(
                Locale.ROOT,
                "  %-22s %s after %,d attack queries (%.1f%% of the budget), %.1f min into the"
                        + " attack, on %s%s%n",
                name + ":",
                m.what(),
                m.attackQueries(),
                100 * m.shareOfBudget(),
                (m.timeMillis() - r.attackStartMillis()) / 60_000.0,
                m.clientId(),
                m.rules().isEmpty() ? "" : " (" + String.join(", ", m.rules()) + ")");
    }

    private static String leak(String name, Audit.Leak l) {
        return String.format(
                Locale.ROOT,
                "  %s: %,d full answers, %,d degraded, %,d refused; %,d output tokens, %,d with"
                        + " logprobs, %,d with probabilities%n",
                name,
                l.full(),
                l.degraded(),
                l.refused(),
                l.tokens(),
                l.logprobAnswers(),
                l.probabilityAnswers());
    }

    private static String fidelity(String name, Double v) {
        return String.format(
                Locale.ROOT,
                "  %-36s %s%n",
                name + ":",
                v == null ? "-" : String.format(Locale.ROOT, "%.3f", v));
    }

    /** The report as JSON. */
    public static ObjectNode json(Audit.Result r) {
        Audit.Settings s = r.settings();
        ObjectNode o = Json.object();
        o.put("schema", "exdetect.audit.v1");
        ObjectNode attack = o.putObject("attack");
        attack.put("family", s.family().id());
        attack.put("description", s.family().description());
        attack.put("api", s.family().isVector() ? "vector" : "chat");
        attack.put("budget", s.budget());
        r.attackClients().forEach(attack.putArray("accounts")::add);
        attack.put("attack_queries", r.attackQueries());
        attack.put("requests", r.attackRequests());
        attack.put("start", Instant.ofEpochMilli(r.attackStartMillis()).toString());
        attack.put("end", Instant.ofEpochMilli(r.attackEndMillis()).toString());
        o.put("seed", s.seed());
        o.put("rules", s.rules().source());
        o.put("corpus", s.corpus().source());
        o.put("attack_timing", s.attackTiming().id());
        o.put("background_clients", r.backgroundClients());
        o.put("records", r.records());
        o.put("detect_seconds", Math.round(r.detectSeconds() * 10) / 10.0);
        ObjectNode d = o.putObject("detection");
        d.put("caught", r.firstMediumAlert() != null || r.firstEnforcement() != null);
        putMoment(d, "first_alert", r.firstAlert(), "severity");
        putMoment(d, "first_medium_alert", r.firstMediumAlert(), "severity");
        putMoment(d, "first_enforcement", r.firstEnforcement(), "action");
        d.put("accounts_alerted", r.accountsAlerted());
        d.put("accounts_enforced", r.accountsEnforced());
        d.put("background_alerted", r.benignAlerted());
        d.put("background_enforced", r.benignEnforced());
        ObjectNode x = o.putObject("extraction");
        putLeak(x, "before_first_enforcement", r.beforeEnforcement());
        putLeak(x, "with_defence", r.withDefence());
        Audit.Fidelity f = r.fidelity();
        if (f == null) {
            o.putNull("fidelity");
        } else {
            ObjectNode fj = o.putObject("fidelity");
            fj.put("held_out_rows", f.heldOutRows());
            fj.put("at_first_alert", f.atFirstAlert());
            fj.put("at_first_enforcement", f.atFirstEnforcement());
            fj.put("with_defence", f.withDefence());
            fj.put("undefended", f.undefended());
            ObjectNode curve = fj.putObject("undefended_by_share_of_budget");
            for (int i = 0; i < Audit.CURVE.length; i++) {
                curve.put(Double.toString(Audit.CURVE[i]), f.curve().get(i));
            }
        }
        return o;
    }

    private static void putMoment(
            ObjectNode parent, String field, Audit.Moment m, String whatField) {
        if (m == null) {
            parent.putNull(field);
            return;
        }
        ObjectNode n = parent.putObject(field);
        n.put("account", m.clientId());
        n.put("request", m.seq());
        n.put("time", Instant.ofEpochMilli(m.timeMillis()).toString());
        n.put("attack_queries", m.attackQueries());
        n.put("share_of_budget", Math.round(m.shareOfBudget() * 10000) / 10000.0);
        n.put(whatField, m.what());
        if (!m.rules().isEmpty()) {
            m.rules().forEach(n.putArray("rules")::add);
        }
    }

    private static void putLeak(ObjectNode parent, String field, Audit.Leak l) {
        ObjectNode n = parent.putObject(field);
        n.put("full_answers", l.full());
        n.put("degraded_answers", l.degraded());
        n.put("refused", l.refused());
        n.put("output_tokens", l.tokens());
        n.put("logprob_answers", l.logprobAnswers());
        n.put("probability_answers", l.probabilityAnswers());
    }
}
