package dev.exdetect.features.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashingTest {

    @Test
    void hashStringEqualsHashCharsOverTheSameChars() {
        Random random = new Random(61);
        for (int i = 0; i < 1000; i++) {
            char[] chars = new char[random.nextInt(40)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) random.nextInt(0x3000);
            }
            String s = new String(chars);
            assertThat(Hashing.hashString(s)).isEqualTo(Hashing.hashChars(chars, 0, chars.length));
            // And hashChars reads only its range.
            char[] padded = ("xy" + s + "z").toCharArray();
            assertThat(Hashing.hashChars(padded, 2, chars.length)).isEqualTo(Hashing.hashString(s));
        }
    }

    @Test
    void isDeterministicAndKnownForAFixedInput() {
        // mix64 of 0 is 0 (Murmur3 finalizer); of 1 it is a well known constant.
        assertThat(Hashing.mix64(0)).isZero();
        assertThat(Hashing.mix64(1)).isEqualTo(0xB456BCFC34C2CB2CL);
        assertThat(Hashing.hashUtf8("client-42")).isEqualTo(Hashing.hashUtf8("client-42"));
    }

    @Test
    void combineIsOrderDependentAndDistinctStringsRarelyCollide() {
        Random random = new Random(62);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(Hashing.hashString("w" + i))).isTrue();
        }
        for (int i = 0; i < 1000; i++) {
            long a = random.nextLong();
            long b = random.nextLong();
            assertThat(Hashing.combine(a, b)).isNotEqualTo(Hashing.combine(b, a));
        }
        // Prefixes differ from the whole (length is mixed in).
        assertThat(Hashing.hashString("ab")).isNotEqualTo(Hashing.hashString("ab\0"));
    }
}
