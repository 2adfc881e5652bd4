package dev.exdetect.evaluation.benchmark;

/**
 * A baseline's threshold for each API: APIs set limits per model, and the two APIs' benign traffic
 * differs (a batch job sends thousands of rows a minute to the classifier; no person chats that
 * fast), so one threshold for both would be set by the busier one. NaN means "calibrate on this
 * run".
 *
 * @param chat for clients of the chat API
 * @param vector for clients of the vector API
 */
public record Thresholds(double chat, double vector) {
    /** Calibrate both on the run. */
    public static final Thresholds CALIBRATE = new Thresholds(Double.NaN, Double.NaN);

    /** The threshold for a client of the vector API ({@code vector} true) or the chat API. */
    public double of(boolean vector) {
        return vector ? this.vector : chat;
    }

    /** These thresholds, with the calibrated ones where these are NaN. */
    public Thresholds orElse(Thresholds calibrated) {
        return new Thresholds(
                Double.isNaN(chat) ? calibrated.chat : chat,
                Double.isNaN(vector) ? calibrated.vector : vector);
    }

    /** Reads {@code CHAT/VECTOR}, e.g. {@code 80/1650}. */
    public static Thresholds parse(String text) {
        String[] parts = text.split("/");
        try {
            if (parts.length == 2) {
                return new Thresholds(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException(
                "expected CHAT/VECTOR thresholds such as 80/1650, got '" + text + "'");
    }

    /** For people: whole numbers as they are, others to four decimals. */
    public String display() {
        return shown(chat) + "/" + shown(vector);
    }

    private static String shown(double v) {
        return v == Math.rint(v)
                ? Long.toString((long) v)
                : String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    /** Exact, so that it parses back to the same thresholds. */
    @Override
    public String toString() {
        return number(chat) + "/" + number(vector);
    }

    private static String number(double v) {
        // Exact (shortest round-trip form): the text is parsed back as the CLI default.
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
