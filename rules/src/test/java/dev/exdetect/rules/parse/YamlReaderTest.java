package dev.exdetect.rules.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.exdetect.rules.model.Action;
import dev.exdetect.rules.model.ThrottleLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The typed readers of {@link YamlReader} and {@link YamlMapping}, on one value {@code v} of a
 * one-line document: each accepts what rule files may write and refuses the rest at the value's
 * column (4 in {@code "v: value"}).
 */
class YamlReaderTest {
    private final YamlReader yaml = new YamlReader("t.yaml");

    private YamlMapping mapping(String text) throws RuleFileException {
        return yaml.mapping(yaml.compose(text), "'block'", Set.of("v", "w"));
    }

    private Node value(String v) throws RuleFileException {
        return mapping("v: " + v + "\n").get("v");
    }

    private interface Read {
        Object from(Node n) throws RuleFileException;
    }

    private String refusal(String v, Read read) {
        RuleFileException e =
                catchThrowableOfType(RuleFileException.class, () -> read.from(value(v)));
        assertThat(e).as("must refuse %s", v).isNotNull();
        return e.getMessage();
    }

    @Test
    void booleansAsYamlOneOneWritesThem() throws Exception {
        for (String t : new String[] {"true", "True", "yes", "on", "ON"}) {
            assertThat(yaml.bool(value(t), "'v'")).as(t).isTrue();
        }
        for (String f : new String[] {"false", "no", "off", "Off"}) {
            assertThat(yaml.bool(value(f), "'v'")).as(f).isFalse();
        }
        assertThat(refusal("1", n -> yaml.bool(n, "'v'")))
                .isEqualTo("t.yaml:1:4: 'v' must be true or false, got a value '1'");
    }

    @Test
    void wholeNumbers() throws Exception {
        assertThat(yaml.integer(value("1_000"), "'v'")).isEqualTo(1000);
        assertThat(yaml.positiveInt(value("2147483647"), "'v'")).isEqualTo(Integer.MAX_VALUE);
        assertThat(refusal("2147483648", n -> yaml.positiveInt(n, "'v'")))
                .isEqualTo("t.yaml:1:4: 'v' must be a positive whole number");
        // Tagged as whole numbers by YAML, but not written the way rule files write them.
        assertThat(refusal("0x10", n -> yaml.integer(n, "'v'")))
                .isEqualTo("t.yaml:1:4: 'v' must be a whole number, got a value '0x10'");
        assertThat(refusal("99999999999999999999", n -> yaml.integer(n, "'v'")))
                .isEqualTo(
                        "t.yaml:1:4: 'v' must be a whole number, got a value"
                                + " '99999999999999999999'");
        assertThat(refusal("~", n -> yaml.integer(n, "'v'")))
                .isEqualTo("t.yaml:1:4: 'v' must be a whole number, got nothing '~'");
    }

    @Test
    void numbersAreFiniteAndFractionsInZeroToOne() throws Exception {
        assertThat(yaml.number(value("-2"), "'v'")).isEqualTo(-2.0);
        assertThat(yaml.fraction(value("1"), "'v'")).isEqualTo(1.0);
        assertThat(refusal(".inf", n -> yaml.number(n, "'v'")))
                .isEqualTo("t.yaml:1:4: 'v' must be a finite number, got a decimal '.inf'");
        assertThat(refusal("1e400", n -> yaml.number(n, "'v'")))
                .isEqualTo("t.yaml:1:4: 'v' must be a finite number, got a decimal '1e400'");
        assertThat(refusal("0", n -> yaml.fraction(n, "'v'")))
                .isEqualTo("t.yaml:1:4: 'v' must be in (0, 1], got 0.0");
        assertThat(refusal("1.0000001", n -> yaml.fraction(n, "'v'")))
                .isEqualTo("t.yaml:1:4: 'v' must be in (0, 1], got 1.0000001");
    }

    @Test
    void durations() throws Exception {
        assertThat(yaml.duration(value("90s"), "'v'")).isEqualTo(Duration.ofSeconds(90));
        assertThat(yaml.duration(value("PT15M"), "'v'")).isEqualTo(Duration.ofMinutes(15));
        assertThat(yaml.duration(value("0s"), "'v'")).isZero();
        assertThat(refusal("-PT5M", n -> yaml.duration(n, "'v'")))
                .isEqualTo("t.yaml:1:4: 'v': must not be negative");
        assertThat(refusal("99999999999999999999s", n -> yaml.duration(n, "'v'")))
                .isEqualTo("t.yaml:1:4: 'v': '99999999999999999999s' is too long");
        assertThat(refusal("[1m]", n -> yaml.duration(n, "'v'")))
                .isEqualTo("t.yaml:1:4: 'v' must be a string, got a list");
    }

    @Test
    void timesNeedAnOffsetAndMaySeparateDateAndTimeWithASpace() throws Exception {
        assertThat(yaml.instant(value("2026-11-02 10:00:00+01:00"), "'v'"))
                .isEqualTo(Instant.parse("2026-11-02T09:00:00Z"));
        assertThat(yaml.instant(value("\" 2026-11-02T10:00:00Z \""), "'v'"))
                .isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
        assertThat(refusal("2026-11-02", n -> yaml.instant(n, "'v'")))
                .isEqualTo(
                        "t.yaml:1:4: 'v' must be an RFC 3339 time with offset, e.g."
                                + " 2026-11-02T10:00:00Z, got '2026-11-02'");
    }

    @Test
    void enumNamesInAnyCase() throws Exception {
        assertThat(yaml.enumValue(Action.class, value("\" degrade \""), "'v'"))
                .isEqualTo(Action.DEGRADE);
        assertThat(refusal("kill", n -> yaml.enumValue(Action.class, n, "'v'")))
                .isEqualTo(
                        "t.yaml:1:4: 'v' must be one of [MONITOR, DEGRADE, THROTTLE, BLOCK, ALLOW],"
                                + " got 'kill'");
        assertThat(refusal("~", n -> yaml.enumValue(Action.class, n, "'v'")))
                .isEqualTo("t.yaml:1:4: 'v' must be a string, not empty");
    }

    @Test
    void rateLimits() throws Exception {
        assertThat(yaml.throttleLimit(value("{requests: 3, per_seconds: 30}"), "x"))
                .isEqualTo(new ThrottleLimit(3, 30));
        assertThat(refusal("{requests: 3}", n -> yaml.throttleLimit(n, "x")))
                .isEqualTo("t.yaml:1:4: x: 'limit' lacks 'per_seconds'");
        assertThat(refusal("{requests: 0, per_seconds: 30}", n -> yaml.throttleLimit(n, "x")))
                .isEqualTo("t.yaml:1:15: x: 'limit.requests' must be a positive whole number");
        assertThat(refusal("{requests: 3, per_second: 30}", n -> yaml.throttleLimit(n, "x")))
                .isEqualTo(
                        "t.yaml:1:18: unknown key 'per_second' in x: 'limit'; did you mean"
                                + " 'per_seconds'?");
    }

    @Test
    void requiredAndOptionalValues() throws Exception {
        YamlMapping m = mapping("v: 1\n");
        assertThat(m.has("v")).isTrue();
        assertThat(m.get("w")).isNull();
        assertThat(m.required("v", "'block'")).isSameAs(m.get("v"));
        assertThat(m.optional("v", 7L, n -> yaml.integer(n, "'v'"))).isEqualTo(1L);
        assertThat(
                        m.<Long>optional(
                                "w",
                                7L,
                                n -> {
                                    throw new AssertionError("read without the key");
                                }))
                .isEqualTo(7L);
        RuleFileException lacks =
                catchThrowableOfType(
                        RuleFileException.class,
                        () -> mapping("\n  v: 1\n").required("w", "'block'"));
        assertThat(lacks).hasMessage("t.yaml:2:3: 'block' lacks 'w'");
        RuleFileException empty =
                catchThrowableOfType(
                        RuleFileException.class, () -> mapping("w:\nv: 1\n").required("w", "x"));
        assertThat(empty).hasMessage("t.yaml:1:3: x: 'w' is empty");
        // An empty string is a value: only a null is empty.
        assertThat(yaml.string(mapping("w: ''\n").required("w", "x"), "'w'")).isEmpty();
    }

    @Test
    void mappingsRefuseUnknownDuplicateAndComplexKeys() {
        assertThat(catchThrowableOfType(RuleFileException.class, () -> mapping("vv: 1\n")))
                .hasMessage("t.yaml:1:1: unknown key 'vv' in 'block'; did you mean 'v'?");
        assertThat(catchThrowableOfType(RuleFileException.class, () -> mapping("v: 1\nv: 2\n")))
                .hasMessage("t.yaml:2:1: duplicate key 'v' in 'block' (first at line 1)");
        assertThat(catchThrowableOfType(RuleFileException.class, () -> mapping("? [v]\n: 1\n")))
                .hasMessage("t.yaml:1:3: 'block' has a key that is not a plain name");
        assertThat(catchThrowableOfType(RuleFileException.class, () -> mapping("colour: 1\n")))
                .hasMessage("t.yaml:1:1: unknown key 'colour' in 'block'; allowed: v, w");
        assertThat(catchThrowableOfType(RuleFileException.class, () -> mapping("- v\n")))
                .hasMessage("t.yaml:1:1: 'block' must be a mapping (key: value lines)");
    }

    @Test
    void aTieBetweenAllowedKeysGivesTheSameHintInEveryRun() {
        // 'a' is one edit from each key; Set.of iterates them in an order that changes per run.
        Set<String> allowed = Set.of("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9");
        RuleFileException e =
                catchThrowableOfType(
                        RuleFileException.class,
                        () -> yaml.mapping(yaml.compose("a: 1\n"), "'block'", allowed));
        assertThat(e).hasMessage("t.yaml:1:1: unknown key 'a' in 'block'; did you mean 'a1'?");
    }

    @Test
    void entriesWithFreeKeysAndLists() throws Exception {
        assertThat(yaml.entries(value("{a: 1, b: 2}"), "no")).hasSize(2);
        assertThat(refusal("[a]", n -> yaml.entries(n, "'v' must map names to numbers")))
                .isEqualTo("t.yaml:1:4: 'v' must map names to numbers");
        assertThat(yaml.sequence(value("[a, b]"), "'v'")).hasSize(2);
        assertThat(refusal("{a: 1}", n -> yaml.sequence(n, "'v'")))
                .isEqualTo("t.yaml:1:4: 'v' must be a list (lines starting with '- ')");
    }
}
