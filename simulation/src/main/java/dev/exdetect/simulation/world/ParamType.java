package dev.exdetect.simulation.world;

/**
 * What a cohort parameter holds. Numbers, durations and shares may be written as a range {@code
 * A..B}: each client of the cohort draws its own value uniformly from it (whole numbers for {@link
 * #INTEGER}), except for parameters documented as bounds, which every client uses as they are.
 */
public enum ParamType {
    /** A plain number, e.g. {@code 1.1}. */
    NUMBER,
    /** A whole number, e.g. {@code 25}. */
    INTEGER,
    /** A share from 0 to 1, written {@code 0.05} or {@code 5%}. */
    SHARE,
    /** A span of event time with a unit: {@code 250ms}, {@code 20s}, {@code 5m}, {@code 1.5h}. */
    DURATION,
    /** One of a fixed set of words, or a list of them (each client picks one at random). */
    CHOICE,
    /** {@code true} or {@code false}. */
    BOOLEAN
}
