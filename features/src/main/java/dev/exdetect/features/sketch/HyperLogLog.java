package dev.exdetect.features.sketch;

/**
 * A HyperLogLog distinct-count sketch (Flajolet et al. 2007) over 64-bit hashes, with the
 * small-range linear-counting correction of Heule et al. 2013.
 *
 * <p>{@value #REGISTERS} one-byte registers: 512 bytes whatever the number of items, relative
 * standard error {@code 1.04 / sqrt(512)}, about 4.6%. It lives in Flink state as a plain byte
 * array and is updated in place, which is why it is written here rather than taken from a library
 * whose sketches would have to be wrapped or deserialised on every event. A Flink POJO.
 */
public class HyperLogLog {
    /** log2 of the register count. */
    public static final int PRECISION = 9;

    /** Register count. */
    public static final int REGISTERS = 1 << PRECISION;

    private static final double ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

    /** Register j holds the largest rank seen among hashes whose top bits select j. */
    public byte[] registers;

    /** Sum over registers of 2^-register, kept up to date so estimates cost O(1). */
    public double inverseSum;

    /** Registers still 0. */
    public int zeroRegisters;

    /** For Flink's POJO serializer. */
    public HyperLogLog() {}

    /** An empty sketch. */
    public static HyperLogLog create() {
        HyperLogLog h = new HyperLogLog();
        h.registers = new byte[REGISTERS];
        h.inverseSum = REGISTERS;
        h.zeroRegisters = REGISTERS;
        return h;
    }

    /**
     * Adds an item by its 64-bit hash (it must be well mixed, e.g. from {@code Hashing.mix64});
     * returns true when a register changed.
     */
    public boolean add(long hash) {
        int index = (int) (hash >>> (Long.SIZE - PRECISION));
        // Rank: position of the first 1 bit in the remaining bits (a sentinel caps it).
        int rank = Long.numberOfLeadingZeros((hash << PRECISION) | (1L << (PRECISION - 1))) + 1;
        int old = registers[index];
        if (rank > old) {
            inverseSum += inversePowerOfTwo(rank) - inversePowerOfTwo(old);
            if (old == 0) {
                zeroRegisters--;
            }
            registers[index] = (byte) rank;
            return true;
        }
        return false;
    }

    /** The estimated number of distinct items added. */
    public double estimate() {
        double raw = ALPHA * REGISTERS * REGISTERS / inverseSum;
        if (raw <= 2.5 * REGISTERS && zeroRegisters > 0) {
            return REGISTERS * Math.log((double) REGISTERS / zeroRegisters); // linear counting
        }
        return raw;
    }

    /** 2^-r, exactly. */
    private static double inversePowerOfTwo(int r) {
        return Double.longBitsToDouble((1023L - r) << 52);
    }
}
