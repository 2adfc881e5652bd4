package dev.exdetect.samples.simulator;

/** A profile whose role and family come from its {@link Family}. */
public abstract class SimProfile implements ClientProfile {
    private final Family family;

    protected SimProfile(Family family) {
        this.family = family;
    }

    @Override
    public final String role() {
        return family.role();
    }

    @Override
    public final String family() {
        return family.id();
    }

    /** The family as an enum. */
    public final Family familyEnum() {
        return family;
    }
}
