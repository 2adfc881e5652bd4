package dev.exdetect.job.output;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Deterministic identifiers and digests. Alert and command ids are name-based UUIDs (RFC 4122
 * version 5, SHA-1) of what identifies them, so the same input and rules give the same ids live and
 * in replay, and a re-delivered command is recognisably the same command.
 */
public final class Ids {
    /** Namespace of exdetect's name-based UUIDs. */
    private static final UUID NAMESPACE = UUID.fromString("6d2b1f4e-8a51-4c1e-9a1b-3f0e5c7d9a21");

    private Ids() {}

    /** A version-5 UUID of {@code parts}, joined with a separator that cannot occur in them. */
    public static String uuid(String... parts) {
        MessageDigest sha1 = digest("SHA-1");
        sha1.update(toBytes(NAMESPACE));
        for (String part : parts) {
            sha1.update(part.getBytes(StandardCharsets.UTF_8));
            sha1.update((byte) 0);
        }
        byte[] hash = sha1.digest();
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (hash[i] & 0xff);
            lsb = (lsb << 8) | (hash[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    /** Hex SHA-256 of the UTF-8 bytes of {@code text}: what alerts show instead of raw prompts. */
    public static String sha256(String text) {
        return HexFormat.of()
                .formatHex(digest("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] b = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (msb >>> (56 - 8 * i));
            b[i + 8] = (byte) (lsb >>> (56 - 8 * i));
        }
        return b;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by the Java platform", e);
        }
    }
}
