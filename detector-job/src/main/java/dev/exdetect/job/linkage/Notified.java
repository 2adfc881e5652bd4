package dev.exdetect.job.linkage;

/** When a member was last sent a verdict, and for which rules. A Flink POJO. */
public class Notified {
    public long at;
    public String rules;

    /** For Flink's POJO serializer. */
    public Notified() {}

    /** A notification at {@code at} for {@code rules}. */
    public Notified(long at, String rules) {
        this.at = at;
        this.rules = rules;
    }
}
