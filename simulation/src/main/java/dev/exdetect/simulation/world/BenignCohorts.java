package dev.exdetect.simulation.world;

import dev.exdetect.simulation.benign.B2BProduct;
import dev.exdetect.simulation.benign.BatchScoring;
import dev.exdetect.simulation.benign.ChatUser;
import dev.exdetect.simulation.benign.EndUsers;
import dev.exdetect.simulation.benign.EvalRun;
import dev.exdetect.simulation.benign.FaqBot;
import dev.exdetect.simulation.benign.Integration;
import dev.exdetect.simulation.benign.NatMember;
import dev.exdetect.simulation.benign.TemplateApp;
import dev.exdetect.simulation.benign.Templates;
import dev.exdetect.simulation.benign.UserQueries;
import dev.exdetect.simulation.benign.VectorApp;
import dev.exdetect.simulation.network.Addresses;
import dev.exdetect.simulation.network.RotatingAddress;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Timing;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Makes the clients of a world's benign cohorts (see {@link Archetypes} for the parameters). */
final class BenignCohorts {
    private static final String ZERO_SHOT =
            "Answer the following question. Reply with the answer only.\n\nQuestion: {input}\nAnswer:";

    private static final String FEW_SHOT =
            "Answer each question with a short answer.\n\nQuestion: What is the capital of France?\n"
                    + "Answer: Paris\n\nQuestion: Who wrote Hamlet?\nAnswer: William Shakespeare\n\n"
                    + "Question: How many legs does a spider have?\nAnswer: Eight\n\n"
                    + "Question: {input}\nAnswer:";

    private BenignCohorts() {}

    static void add(WorldBuilder b, Cohort c) {
        switch (c.archetype().name()) {
            case "chat-user", "power-user", "mobile-user", "ipv6-user" -> people(b, c);
            case "template-app" -> each(b, c, () -> templateApp(b, c));
            case "integration" -> each(b, c, () -> integration(b, c));
            case "faq-bot" ->
                    each(
                            b,
                            c,
                            () ->
                                    b.service(
                                            c,
                                            new FaqBot(
                                                    b.corpus,
                                                    b.setup,
                                                    b.pacing(c),
                                                    (int) c.param("questions").lo(),
                                                    (int) c.param("questions").hi(),
                                                    c.param("zipf").draw(b.setup))));
            case "batch-scoring" -> each(b, c, () -> b.service(c, batch(b, c)));
            case "vector-app" ->
                    each(
                            b,
                            c,
                            () ->
                                    b.service(
                                            c,
                                            new VectorApp(
                                                    b.corpus.vectors(),
                                                    b.pacing(c),
                                                    b.setup.nextDouble()
                                                            < c.param("probabilities_share")
                                                                    .draw(b.setup))));
            case "b2b-product" -> each(b, c, () -> b.service(c, product(b, c)));
            case "eval-run" -> evalRuns(b, c);
            case "nat-class", "office" -> natGroups(b, c);
            default -> throw new IllegalStateException("no builder for " + c.archetype().name());
        }
    }

    private static void each(WorldBuilder b, Cohort c, Runnable one) {
        for (int i = 0; i < c.count(); i++) {
            one.run();
        }
    }

    /** People: an organisation's /24 and browser, or a free-tier address; maybe a changing one. */
    private static void people(WorldBuilder b, Cohort c) {
        String kind = c.archetype().name();
        List<List<String>> carriers = new ArrayList<>();
        if (kind.equals("mobile-user")) {
            int n = Math.max(1, c.param("carriers").drawInt(b.setup));
            for (int k = 0; k < n; k++) {
                carriers.add(List.of(Addresses.subnet(b.setup), Addresses.subnet(b.setup)));
            }
        }
        for (int i = 0; i < c.count(); i++) {
            ChatUser user =
                    ChatUser.of(
                            shape(b, c),
                            b.corpus,
                            b.setup,
                            c.param("repeat_share").draw(b.setup),
                            c.param("reformulation_share").draw(b.setup));
            long start = b.start(c);
            switch (kind) {
                case "mobile-user" -> {
                    List<String> pool = carriers.get(b.setup.nextInt(carriers.size()));
                    double hold = c.param("hold").draw(b.setup);
                    b.add(
                            c,
                            null,
                            null,
                            Addresses.mobileBrowser(b.setup),
                            user,
                            start,
                            b.span,
                            null,
                            new RotatingAddress(
                                    b.ownRandom(),
                                    Math.max(1, hold),
                                    r -> Addresses.host(pool.get(r.nextInt(pool.size())), r)),
                            -1);
                }
                case "ipv6-user" -> {
                    Random own = b.ownRandom();
                    String prefix = Addresses.ipv6Prefix(own);
                    b.add(
                            c,
                            null,
                            null,
                            Addresses.browser(b.setup),
                            user,
                            start,
                            b.span,
                            null,
                            new RotatingAddress(
                                    own,
                                    Math.max(1, c.param("hold").draw(b.setup)),
                                    r -> Addresses.ipv6Host(prefix, r)),
                            -1);
                }
                default -> {
                    if (b.setup.nextDouble() < c.param("org_share").draw(b.setup)) {
                        int org = b.organisation();
                        b.add(
                                c,
                                b.orgName(org),
                                b.orgHost(org),
                                b.orgAgent(org),
                                user,
                                start,
                                b.span,
                                null,
                                null,
                                -1);
                    } else {
                        b.add(
                                c,
                                null,
                                Addresses.address(b.setup),
                                Addresses.browser(b.setup),
                                user,
                                start,
                                b.span,
                                null,
                                null,
                                -1);
                    }
                }
            }
        }
    }

    private static ChatUser.Shape shape(WorldBuilder b, Cohort c) {
        ParamValue topics = c.param("topics");
        long min = (long) c.param("pause_min").draw(b.setup);
        long max = Math.max(min + 1, (long) c.param("pause_max").draw(b.setup));
        return new ChatUser.Shape(
                c.archetype().family(),
                Math.max(1, (int) topics.lo()),
                (int) (topics.hi() - topics.lo()),
                c.param("instruction_share").draw(b.setup),
                Math.max(1, c.param("session_length").draw(b.setup)),
                min,
                max,
                Math.max(1, c.param("break").draw(b.setup)));
    }

    private static void templateApp(WorldBuilder b, Cohort c) {
        String template = Templates.product(b.setup, c.param("template_words").drawInt(b.setup));
        b.service(
                c,
                new TemplateApp(
                        b.corpus,
                        template,
                        b.pacing(c),
                        new TemplateApp.Content(
                                c.param("repeat_share").draw(b.setup),
                                c.param("question_share").draw(b.setup),
                                c.param("temperature").draw(b.setup),
                                c.param("max_tokens").drawInt(b.setup))));
    }

    private static void integration(WorldBuilder b, Cohort c) {
        int words = c.param("template_words").drawInt(b.setup);
        String wrapper = words > 0 ? Templates.product(b.setup, words) : null;
        Integration.RetryKind kind =
                Integration.RetryKind.valueOf(
                        c.param("retries").choose(b.setup).toUpperCase(java.util.Locale.ROOT));
        ParamValue attempts = c.param("attempts");
        Integration.Retries retries =
                new Integration.Retries(
                        kind,
                        c.param("failure_chance").draw(b.setup),
                        Math.max(1, (int) attempts.lo()),
                        Math.max(1, (int) attempts.hi()),
                        (long) c.param("retry_pause_min").draw(b.setup),
                        Math.max(
                                (long) c.param("retry_pause_min").lo() + 1,
                                (long) c.param("retry_pause_max").draw(b.setup)));
        List<String> inputs =
                c.param("inputs").choose(b.setup).equals("questions")
                        ? b.corpus.questions()
                        : b.corpus.instructions();
        b.service(
                c,
                new Integration(
                        Family.INTEGRATION,
                        inputs,
                        wrapper,
                        b.pacing(c),
                        retries,
                        c.param("temperature").draw(b.setup),
                        c.param("max_tokens").drawInt(b.setup)));
    }

    private static BatchScoring batch(WorldBuilder b, Cohort c) {
        if (c.param("mode").choose(b.setup).equals("stream")) {
            return BatchScoring.stream(b.corpus.vectors(), b.pacing(c));
        }
        ParamValue batch = c.param("batch");
        long gapMin = (long) c.param("gap_min").draw(b.setup);
        return new BatchScoring(
                b.corpus.vectors(),
                new BatchScoring.Batches(
                        c.param("between").draw(b.setup) / 3_600_000.0,
                        Math.max(1, (int) batch.lo()),
                        Math.max(1, (int) batch.hi()),
                        gapMin,
                        Math.max(gapMin + 1, (long) c.param("gap_max").draw(b.setup))));
    }

    private static B2BProduct product(WorldBuilder b, Cohort c) {
        int words = c.param("template_words").drawInt(b.setup);
        String template = words > 0 ? Templates.product(b.setup, words) : null;
        return new B2BProduct(
                b.corpus,
                b.setup,
                endUsers(b, c),
                Math.max(1, c.param("topics").drawInt(b.setup)),
                c.param("instruction_share").draw(b.setup),
                template,
                c.param("temperature").draw(b.setup),
                c.param("max_tokens").drawInt(b.setup));
    }

    /** The end users behind a product's key (shared with the attack that imitates one). */
    static EndUsers endUsers(WorldBuilder b, Cohort c) {
        long min = (long) c.param("pause_min").draw(b.setup);
        return new EndUsers(
                Math.max(1, c.param("end_users").drawInt(b.setup)),
                Math.max(1, c.param("session_length").draw(b.setup)),
                min,
                Math.max(min + 1, (long) c.param("pause_max").draw(b.setup)),
                Math.max(1, c.param("break").draw(b.setup)),
                b.setup);
    }

    /**
     * Researchers running one of the cohort's {@code benchmarks} public benchmarks (blocks of the
     * eval pool): two researchers of one benchmark send the same questions.
     */
    private static void evalRuns(WorldBuilder b, Cohort c) {
        int k = Math.max(1, c.param("benchmarks").drawInt(b.setup));
        List<List<String>> benchmarks = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int n = Math.min(b.eval.size(), Math.max(1, c.param("questions").drawInt(b.setup)));
            int first = b.setup.nextInt(b.eval.size());
            List<String> q = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                q.add(b.eval.get((first + j) % b.eval.size()));
            }
            benchmarks.add(q);
        }
        String format = c.param("format").choose(b.setup).equals("few-shot") ? FEW_SHOT : ZERO_SHOT;
        for (int i = 0; i < c.count(); i++) {
            long min = (long) c.param("pause_min").draw(b.setup);
            EvalRun run =
                    new EvalRun(
                            benchmarks.get(b.setup.nextInt(k)),
                            format,
                            min,
                            Math.max(min + 1, (long) c.param("pause_max").draw(b.setup)),
                            c.param("max_tokens").drawInt(b.setup));
            b.add(
                    c,
                    b.setup.nextBoolean() ? null : "university-" + (1 + b.setup.nextInt(5)),
                    Addresses.address(b.setup),
                    Addresses.sdk(b.setup),
                    run,
                    b.start(c),
                    b.span,
                    null,
                    null,
                    -1);
        }
    }

    /**
     * Groups behind one NAT address: {@code group_size} members each, sharing the address, the
     * client, the parameters and the popular questions; a class within one lesson, an office
     * through the day.
     */
    private static void natGroups(WorldBuilder b, Cohort c) {
        int left = c.count();
        int group = 0;
        boolean lesson = c.param("schedule").choose(b.setup).equals("class");
        while (left > 0) {
            int size = Math.min(left, Math.max(1, c.param("group_size").drawInt(b.setup)));
            if (left - size > 0 && left - size < (int) c.param("group_size").lo()) {
                size = left;
            }
            left -= size;
            group++;
            String ip = Addresses.address(b.setup);
            String agent = b.agent(c.param("agent").choose(b.setup));
            String tenant = (lesson ? "university-" : "office-") + c.name() + "-" + group;
            int popularCount = Math.max(0, c.param("popular").drawInt(b.setup));
            int first = b.setup.nextInt(b.corpus.questions().size());
            List<String> popular = new ArrayList<>();
            for (int j = 0; j < popularCount; j++) {
                popular.add(b.corpus.questions().get((first + j) % b.corpus.questions().size()));
            }
            NatMember.Shared shared =
                    new NatMember.Shared(
                            List.copyOf(popular),
                            c.param("popular_share").draw(b.setup),
                            Math.round(c.param("temperature").draw(b.setup) * 10) / 10.0,
                            64 * Math.max(1, c.param("max_tokens").drawInt(b.setup) / 64),
                            null);
            long groupStart;
            long groupEnd;
            if (lesson) {
                long length = (long) Math.min(b.span, c.param("lesson").draw(b.setup));
                groupStart = Timing.uniform(b.setup, 0, Math.max(1, b.span - length));
                groupEnd = groupStart + length;
            } else {
                groupStart = 0;
                groupEnd = b.span;
            }
            for (int m = 0; m < size; m++) {
                NatMember member =
                        new NatMember(
                                shared,
                                new UserQueries(
                                        b.corpus,
                                        b.setup,
                                        Math.max(1, c.param("topics").drawInt(b.setup)),
                                        c.param("instruction_share").draw(b.setup)),
                                b.sessions(c));
                long start =
                        lesson
                                ? groupStart + Timing.uniform(b.setup, 0, 5 * 60_000L)
                                : Timing.uniform(b.setup, 0, Math.min(b.span / 3, 2 * 3_600_000L));
                b.add(c, tenant, ip, agent, member, start, groupEnd, null, null, -1);
            }
        }
    }
}
