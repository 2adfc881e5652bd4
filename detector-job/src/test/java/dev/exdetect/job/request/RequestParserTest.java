package dev.exdetect.job.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestParserTest {
    private final RequestParser parser = new RequestParser(64 * 1024, 100);

    private ParseResult parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), "test:1");
    }

    @Test
    void acceptsAFullRecordWithAnRfc3339Timestamp() {
        ParseResult r =
                parse(
                        """
                        {"request_id":"r1","timestamp":"2026-11-02T10:15:30.123+01:00","client_id":"c1",
                         "tenant":"acme","input":{"text":"hello there","features":[1,2.5,-3]},
                         "source_ip":"2001:db8::1","user_agent":"curl/8","model":"m","endpoint":"/v1/x",
                         "params":{"temperature":0.7,"logit_bias":{"12":-100,"3":5}},
                         "output":{"label":"pos","confidence":0.9,"probabilities":[0.9,0.1],"tokens":12,"logprobs":true},
                         "status":200,"latency_ms":321,"some_future_field":{"ignored":true}}
                        """);
        assertThat(r.isAccepted()).as("%s", r.rejection()).isTrue();
        RequestRecord rec = r.record();
        assertThat(rec.timestampMillis)
                .isEqualTo(java.time.Instant.parse("2026-11-02T09:15:30.123Z").toEpochMilli());
        assertThat(rec.clientKey()).isEqualTo("acme:c1");
        assertThat(rec.text).isEqualTo("hello there");
        assertThat(rec.vector).containsExactly(1, 2.5, -3);
        assertThat(rec.paramsJson)
                .isEqualTo("{\"logit_bias\":{\"12\":-100,\"3\":5},\"temperature\":0.7}");
        assertThat(rec.outputLabel).isEqualTo("pos");
        assertThat(rec.outputConfidence).isEqualTo(0.9);
        assertThat(rec.outputProbabilities).containsExactly(0.9, 0.1);
        assertThat(rec.outputLogprobs).isTrue();
        assertThat(rec.status).isEqualTo(200);
        assertThat(rec.latencyMs).isEqualTo(321);
        assertThat(rec.origin).isEqualTo("test:1");
    }

    @Test
    void acceptsEpochMillisAndAMinimalRecord() {
        ParseResult r =
                parse(
                        "{\"request_id\":\"r\",\"timestamp\":1793613600000,\"client_id\":\"c\",\"input\":{\"features\":[0]}}");
        assertThat(r.isAccepted()).isTrue();
        assertThat(r.record().timestampMillis).isEqualTo(1793613600000L);
        assertThat(r.record().tenant).isNull();
        assertThat(r.record().clientKey()).isEqualTo("c");
        assertThat(r.record().text).isNull();
        assertThat(r.record().status).isEqualTo(-1);
    }

    @Test
    void cutsAHugePromptAndMarksIt() {
        String huge = "word ".repeat(1_000_000); // 5 MB
        RequestParser big = new RequestParser(8 * 1024 * 1024, 16 * 1024);
        ParseResult r =
                big.parse(
                        ("{\"request_id\":\"r\",\"timestamp\":1793613600000,\"client_id\":\"c\",\"input\":{\"text\":\""
                                        + huge
                                        + "\"}}")
                                .getBytes(StandardCharsets.UTF_8),
                        "test:1");
        assertThat(r.isAccepted()).isTrue();
        assertThat(r.record().text).hasSize(16 * 1024);
        assertThat(r.record().textTruncated).isTrue();
        assertThat(r.record().textLength).isEqualTo(huge.length());
    }

    @Test
    void neverSplitsASurrogatePairWhenCutting() {
        String text = "a".repeat(99) + "\uD83D\uDE00" + "b"; // emoji straddles the 100-char cut
        ParseResult r =
                parse(
                        "{\"request_id\":\"r\",\"timestamp\":1793613600000,\"client_id\":\"c\",\"input\":{\"text\":\""
                                + text
                                + "\"}}");
        assertThat(r.record().text).hasSize(99);
        assertThat(r.record().textTruncated).isTrue();
    }

    @Test
    void refusesARecordAboveTheSizeLimitBeforeParsingIt() {
        byte[] big = new byte[64 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'x');
        ParseResult r = parser.parse(big, "test:1");
        assertThat(r.rejection().reason()).contains("65537 bytes").contains("limit of 65536");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    not json                    | {"request_id":                                                                   | <null> | not valid JSON
                    not an object               | [1,2]                                                                            | <null> | expected a JSON object, got array
                    trailing garbage            | {"request_id":"r"} x                                                             | <null> | not valid JSON
                    duplicate field             | {"request_id":"r","request_id":"s","timestamp":1793613600000,"client_id":"c","input":{"text":"t"}} | <null> | not valid JSON
                    missing request_id          | {"timestamp":1793613600000,"client_id":"c","input":{"text":"t"}}                | request_id | required field is missing
                    empty request_id            | {"request_id":"","timestamp":1793613600000,"client_id":"c","input":{"text":"t"}} | request_id | must be 1 to 128 chars
                    numeric client_id           | {"request_id":"r","timestamp":1793613600000,"client_id":7,"input":{"text":"t"}} | client_id | expected a string, got number 7
                    missing timestamp           | {"request_id":"r","client_id":"c","input":{"text":"t"}}                         | timestamp | required field is missing
                    boolean timestamp           | {"request_id":"r","timestamp":true,"client_id":"c","input":{"text":"t"}}        | timestamp | got boolean true
                    fractional timestamp        | {"request_id":"r","timestamp":1.5e12,"client_id":"c","input":{"text":"t"}}       | timestamp | got number
                    timestamp without offset    | {"request_id":"r","timestamp":"2026-11-02T10:15:30","client_id":"c","input":{"text":"t"}} | timestamp | not an RFC 3339 time with offset
                    epoch seconds               | {"request_id":"r","timestamp":1793613600,"client_id":"c","input":{"text":"t"}}   | timestamp | epoch seconds instead of milliseconds
                    far future                  | {"request_id":"r","timestamp":"2300-01-01T00:00:00Z","client_id":"c","input":{"text":"t"}} | timestamp | after 2200
                    missing input               | {"request_id":"r","timestamp":1793613600000,"client_id":"c"}                    | input | required field is missing
                    empty input                 | {"request_id":"r","timestamp":1793613600000,"client_id":"c","input":{}}         | input | needs at least one of 'text' and 'features'
                    text not a string           | {"request_id":"r","timestamp":1793613600000,"client_id":"c","input":{"text":5}} | input.text | expected a string
                    features not numbers        | {"request_id":"r","timestamp":1793613600000,"client_id":"c","input":{"features":[1,"x"]}} | input.features[1] | expected a number
                    empty features              | {"request_id":"r","timestamp":1793613600000,"client_id":"c","input":{"features":[]}} | input.features | got none
                    bad source_ip               | {"request_id":"r","timestamp":1793613600000,"client_id":"c","input":{"text":"t"},"source_ip":"example.com"} | source_ip | not an IPv4 or IPv6 address
                    bad ipv4                    | {"request_id":"r","timestamp":1793613600000,"client_id":"c","input":{"text":"t"},"source_ip":"300.1.1.1"} | source_ip | not an IPv4 or IPv6 address
                    params not an object        | {"request_id":"r","timestamp":1793613600000,"client_id":"c","input":{"text":"t"},"params":[1]} | params | expected an object
                    confidence not a number     | {"request_id":"r","timestamp":1793613600000,"client_id":"c","input":{"text":"t"},"output":{"confidence":"high"}} | output.confidence | expected a number
                    status out of range         | {"request_id":"r","timestamp":1793613600000,"client_id":"c","input":{"text":"t"},"status":1000} | status | must be 0 to 999
                    """)
    void refusesWithTheFieldAndReason(String name, String json, String field, String reason) {
        ParseResult r = parse(json);
        assertThat(r.isAccepted()).as(name).isFalse();
        assertThat(r.rejection().field()).as(name).isEqualTo("<null>".equals(field) ? null : field);
        assertThat(r.rejection().reason()).as(name).contains(reason);
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
        ParseResult r = parser.parse(bytes, "test:1");
        assertThat(r.isAccepted()).isFalse();
        assertThat(r.rejection().reason()).startsWith("not valid JSON");
    }

    @Test
    void refusesAnEmptyRecord() {
        assertThat(parser.parse(new byte[0], "t").rejection().reason()).isEqualTo("empty record");
        assertThat(parser.parse(null, "t").rejection().reason()).isEqualTo("empty record");
    }
}
