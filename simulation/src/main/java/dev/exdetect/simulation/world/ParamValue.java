package dev.exdetect.simulation.world;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A parsed cohort parameter: a range {@code [lo, hi]} of numbers (durations in milliseconds, shares
 * as fractions; {@code lo == hi} for a single value), or a list of choices, or a boolean (1 or 0).
 *
 * @param lo lower end
 * @param hi upper end
 * @param choices the words of a {@link ParamType#CHOICE}, else empty
 */
public record ParamValue(double lo, double hi, List<String> choices) {
    /** A single number. */
    public static ParamValue of(double v) {
        return new ParamValue(v, v, List.of());
    }

    /** A value for each client: uniform in the range. */
    public double draw(Random random) {
        return lo == hi ? lo : lo + (hi - lo) * random.nextDouble();
    }

    /** A whole number for each client: uniform over the range's whole numbers. */
    public int drawInt(Random random) {
        int a = (int) Math.round(lo);
        int b = (int) Math.round(hi);
        return a == b ? a : a + random.nextInt(b - a + 1);
    }

    /** One of the choices for each client. */
    public String choose(Random random) {
        return choices.size() == 1 ? choices.get(0) : choices.get(random.nextInt(choices.size()));
    }

    /** A boolean's value. */
    public boolean isTrue() {
        return lo != 0;
    }

    /**
     * Parses {@code text} as a value of {@code type}; {@code choices} are the words a {@link
     * ParamType#CHOICE} allows.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public static ParamValue parse(String text, ParamType type, List<String> choices) {
        String t = text.trim();
        switch (type) {
            case CHOICE -> {
                String w = t.toLowerCase(Locale.ROOT);
                if (!choices.contains(w)) {
                    throw new IllegalArgumentException(
                            "expected one of " + String.join(", ", choices) + ", got '" + t + "'");
                }
                return new ParamValue(0, 0, List.of(w));
            }
            case BOOLEAN -> {
                String w = t.toLowerCase(Locale.ROOT);
                if (!w.equals("true") && !w.equals("false")) {
                    throw new IllegalArgumentException("expected true or false, got '" + t + "'");
                }
                return of(w.equals("true") ? 1 : 0);
            }
            default -> {
                int dots = t.indexOf("..");
                double lo = single(dots < 0 ? t : t.substring(0, dots), type);
                double hi = dots < 0 ? lo : single(t.substring(dots + 2), type);
                if (hi < lo) {
                    throw new IllegalArgumentException(
                            "a range must go from low to high, got '" + t + "'");
                }
                return new ParamValue(lo, hi, List.of());
            }
        }
    }

    private static double single(String s, ParamType type) {
        String t = s.trim().toLowerCase(Locale.ROOT).replace("_", "");
        double v;
        try {
            switch (type) {
                case DURATION -> v = duration(t);
                case SHARE -> {
                    v = t.endsWith("%") ? number(t.substring(0, t.length() - 1)) / 100 : number(t);
                    if (v < 0 || v > 1) {
                        throw new IllegalArgumentException(
                                "a share must be from 0 to 1 (or 0% to 100%), got '"
                                        + s.trim()
                                        + "'");
                    }
                }
                case INTEGER -> {
                    v = number(t);
                    if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException(
                                "expected a whole number, got '" + s.trim() + "'");
                    }
                }
                default -> v = number(t);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected(type) + ", got '" + s.trim() + "'");
        }
        if (v < 0) {
            throw new IllegalArgumentException("must not be negative, got '" + s.trim() + "'");
        }
        return v;
    }

    private static double duration(String t) {
        if (t.equals("0")) {
            return 0;
        }
        String[][] units = {{"ms", "1"}, {"s", "1000"}, {"m", "60000"}, {"h", "3600000"}};
        for (String[] u : units) {
            if (t.endsWith(u[0]) && !(u[0].equals("s") && t.endsWith("ms"))) {
                return number(t.substring(0, t.length() - u[0].length()))
                        * Double.parseDouble(u[1]);
            }
        }
        throw new NumberFormatException(t);
    }

    private static double number(String t) {
        double v = Double.parseDouble(t.trim());
        if (!Double.isFinite(v) || t.trim().matches(".*[a-z].*")) {
            throw new NumberFormatException(t);
        }
        return v;
    }

    private static String expected(ParamType type) {
        return switch (type) {
            case DURATION -> "expected a duration such as 500ms, 20s, 5m or 1.5h (or a range A..B)";
            case SHARE -> "expected a share such as 0.05 or 5% (or a range A..B)";
            case INTEGER -> "expected a whole number (or a range A..B)";
            default -> "expected a number (or a range A..B)";
        };
    }
}
