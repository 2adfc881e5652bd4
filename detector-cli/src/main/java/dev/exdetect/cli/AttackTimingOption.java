package dev.exdetect.cli;

import dev.exdetect.simulation.profile.AttackTiming;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --attack-timing scripted|poisson|bursty}: when the simulated attackers of {@code
 * benchmark}, {@code audit} and {@code simulate} send (see {@link AttackTiming}).
 */
public class AttackTimingOption {
    @Option(
            names = "--attack-timing",
            paramLabel = "scripted|poisson|bursty",
            defaultValue = "scripted",
            converter = Converter.class,
            description =
                    "When simulated attackers send, at the same mean rate: scripted (each family's"
                            + " own pace, mostly a jittered timer), poisson (exponential gaps) or"
                            + " bursty (bursts of 4-12 requests between long random pauses)."
                            + " Benign clients are unchanged. Default: ${DEFAULT-VALUE}.")
    AttackTiming timing;

    /** The mode chosen. */
    public AttackTiming get() {
        return timing == null ? AttackTiming.SCRIPTED : timing;
    }

    /** Parses a mode's name; an unknown one is bad usage (exit code 2) naming the valid ones. */
    public static final class Converter implements ITypeConverter<AttackTiming> {
        @Override
        public AttackTiming convert(String value) {
            try {
                return AttackTiming.byId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
