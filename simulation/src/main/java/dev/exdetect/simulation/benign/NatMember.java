package dev.exdetect.simulation.benign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Pacing;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.profile.SimProfile;
import java.util.List;
import java.util.Random;

/**
 * One person of a group behind one NAT address who share their parameters: a student of a class
 * using the course notebook, an employee using the office's internal tool. Part of what they ask is
 * the group's popular questions (the exercise, the week's topic: every member asks some of the same
 * ones), the rest their own.
 */
public final class NatMember extends SimProfile {
    /**
     * What the group shares.
     *
     * @param popular the group's popular questions, most popular first (Zipf, exponent 1)
     * @param popularShare share of a member's queries taken from {@code popular}
     * @param temperature the shared temperature
     * @param maxTokens the shared answer limit
     * @param template the shared prompt holding {@code {input}}, or null
     */
    public record Shared(
            List<String> popular,
            double popularShare,
            double temperature,
            int maxTokens,
            String template) {}

    private final Shared shared;
    private final UserQueries own;
    private final Pacing pacing;
    private final double[] cumulative;

    /** A member with their own {@code own} questions, sending at {@code pacing}. */
    public NatMember(Shared shared, UserQueries own, Pacing pacing) {
        super(Family.NAT_GROUP);
        this.shared = shared;
        this.own = own;
        this.pacing = pacing;
        this.cumulative = new double[shared.popular().size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        return pacing.next(nowMillis, random);
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        String text;
        if (cumulative.length > 0 && random.nextDouble() < shared.popularShare()) {
            double u = random.nextDouble();
            int i = 0;
            while (i < cumulative.length - 1 && cumulative[i] < u) {
                i++;
            }
            text = shared.popular().get(i);
        } else {
            text = own.next(random);
        }
        if (shared.template() != null) {
            text = shared.template().replace("{input}", text);
        }
        Requests.chat(request, text, shared.temperature(), shared.maxTokens(), false, random);
    }
}
