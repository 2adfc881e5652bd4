package dev.exdetect.job.request;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns the bytes of one request-log record into a {@link RequestRecord} or a {@link Rejection}
 * that names the field and what is wrong with it (CONTRACT.md section 1). Never throws on bad
 * input: every problem becomes a rejection. Unknown fields are ignored (forward compatible).
 *
 * <p>Size limits protect the job: a record over {@code maxRecordBytes} is refused before parsing;
 * an {@code input.text} over {@code maxTextChars} is accepted but cut, and marked so ({@link
 * RequestRecord#textTruncated}), because a huge prompt is legitimate but must not cost more than a
 * bounded amount downstream.
 */
public final class RequestParser implements Serializable {
    /**
     * Earliest accepted event time, 2000-01-01T00:00:00Z: earlier values are epoch seconds by
     * mistake.
     */
    public static final long MIN_TIMESTAMP = 946_684_800_000L;

    /** Latest accepted event time, 2200-01-01T00:00:00Z: later ones would stall event time. */
    public static final long MAX_TIMESTAMP = 7_258_118_400_000L;

    private static final int MAX_VECTOR_LENGTH = 4096;
    private static final int MAX_OPTIONAL_STRING = 1024;
    private static final Pattern IPV4 =
            Pattern.compile(
                    "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private final int maxRecordBytes;
    private final int maxTextChars;
    private transient ObjectMapper mapper;

    /**
     * @param maxRecordBytes records larger than this are refused
     * @param maxTextChars {@code input.text} is cut to this many chars
     */
    public RequestParser(int maxRecordBytes, int maxTextChars) {
        this.maxRecordBytes = maxRecordBytes;
        this.maxTextChars = maxTextChars;
    }

    private ObjectMapper mapper() {
        if (mapper == null) {
            mapper =
                    JsonMapper.builder()
                            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                            .build();
            mapper.getFactory()
                    .setStreamReadConstraints(
                            StreamReadConstraints.builder()
                                    .maxStringLength(Math.max(maxRecordBytes, 1 << 20))
                                    .maxNestingDepth(64)
                                    .build());
        }
        return mapper;
    }

    /** Parses one record read at {@code origin}. */
    public ParseResult parse(byte[] bytes, String origin) {
        if (bytes == null || bytes.length == 0) {
            return ParseResult.rejected(null, "empty record");
        }
        if (bytes.length > maxRecordBytes) {
            return ParseResult.rejected(
                    null,
                    "record is " + bytes.length + " bytes, above the limit of " + maxRecordBytes);
        }
        JsonNode root;
        try {
            root = mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            return ParseResult.rejected(null, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return ParseResult.rejected(null, "not readable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return ParseResult.rejected(
                    null, "expected a JSON object, got " + kind(root == null ? null : root));
        }
        try {
            return ParseResult.accepted(toRecord((ObjectNode) root, origin));
        } catch (FieldException e) {
            return ParseResult.rejected(e.field, e.getMessage());
        }
    }

    private RequestRecord toRecord(ObjectNode root, String origin) throws FieldException {
        RequestRecord r = new RequestRecord();
        r.origin = origin;
        r.requestId = requiredString(root, "request_id", 128);
        r.timestampMillis = timestamp(required(root, "timestamp"));
        r.clientId = requiredString(root, "client_id", 256);
        r.tenant = optionalString(root, "tenant", 256);
        input(required(root, "input"), r);
        r.sourceIp = optionalString(root, "source_ip", 64);
        if (r.sourceIp != null && !isIpAddress(r.sourceIp)) {
            throw new FieldException(
                    "source_ip", "'" + r.sourceIp + "' is not an IPv4 or IPv6 address");
        }
        r.userAgent = optionalString(root, "user_agent", MAX_OPTIONAL_STRING);
        r.model = optionalString(root, "model", MAX_OPTIONAL_STRING);
        r.endpoint = optionalString(root, "endpoint", MAX_OPTIONAL_STRING);
        JsonNode params = optional(root, "params");
        if (params != null) {
            if (!params.isObject()) {
                throw new FieldException("params", "expected an object, got " + kind(params));
            }
            r.paramsJson = canonicalJson(params);
        }
        JsonNode output = optional(root, "output");
        if (output != null) {
            output(output, r);
        }
        r.status = optionalInt(root, "status", 0, 999);
        r.latencyMs = optionalInt(root, "latency_ms", 0, Integer.MAX_VALUE);
        return r;
    }

    private void input(JsonNode input, RequestRecord r) throws FieldException {
        if (!input.isObject()) {
            throw new FieldException(
                    "input", "expected an object with 'text' or 'features', got " + kind(input));
        }
        JsonNode text = optional(input, "text");
        JsonNode features = optional(input, "features");
        if (text == null && features == null) {
            throw new FieldException("input", "needs at least one of 'text' and 'features'");
        }
        if (text != null) {
            if (!text.isTextual()) {
                throw new FieldException("input.text", "expected a string, got " + kind(text));
            }
            String t = text.textValue();
            r.textLength = t.length();
            if (t.length() > maxTextChars) {
                int cut = maxTextChars;
                if (Character.isHighSurrogate(t.charAt(cut - 1))) {
                    cut--; // never split a surrogate pair
                }
                t = t.substring(0, cut);
                r.textTruncated = true;
            }
            r.text = t;
        }
        if (features != null) {
            r.vector = numbers(features, "input.features", MAX_VECTOR_LENGTH);
            if (r.vector.length == 0) {
                throw new FieldException(
                        "input.features",
                        "must hold 1 to " + MAX_VECTOR_LENGTH + " numbers, got none");
            }
        }
    }

    private void output(JsonNode output, RequestRecord r) throws FieldException {
        if (!output.isObject()) {
            throw new FieldException("output", "expected an object, got " + kind(output));
        }
        r.outputLabel = optionalString(output, "label", MAX_OPTIONAL_STRING, "output.label");
        JsonNode confidence = optional(output, "confidence");
        if (confidence != null) {
            if (!confidence.isNumber()) {
                throw new FieldException(
                        "output.confidence", "expected a number, got " + kind(confidence));
            }
            r.outputConfidence = confidence.doubleValue();
        }
        JsonNode probabilities = optional(output, "probabilities");
        if (probabilities != null) {
            r.outputProbabilities =
                    numbers(probabilities, "output.probabilities", MAX_VECTOR_LENGTH);
        }
        JsonNode tokens = optional(output, "tokens");
        if (tokens != null && !(tokens.isIntegralNumber() && tokens.canConvertToInt())) {
            throw new FieldException(
                    "output.tokens", "expected a whole number, got " + kind(tokens));
        }
        JsonNode logprobs = optional(output, "logprobs");
        if (logprobs != null) {
            if (!logprobs.isBoolean()) {
                throw new FieldException(
                        "output.logprobs", "expected true or false, got " + kind(logprobs));
            }
            r.outputLogprobs = logprobs.booleanValue();
        }
    }

    private static long timestamp(JsonNode node) throws FieldException {
        long millis;
        if (node.isTextual()) {
            String text = node.textValue();
            try {
                String iso =
                        text.length() > 10 && (text.charAt(10) == ' ' || text.charAt(10) == 't')
                                ? text.substring(0, 10) + 'T' + text.substring(11)
                                : text;
                millis = OffsetDateTime.parse(iso.replace('z', 'Z')).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new FieldException(
                        "timestamp",
                        "'"
                                + abbreviate(text)
                                + "' is not an RFC 3339 time with offset (e.g. 2026-11-02T10:15:30.123Z)");
            }
        } else if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new FieldException("timestamp", "integer out of range: " + node.asText());
            }
            millis = node.longValue();
        } else {
            throw new FieldException(
                    "timestamp",
                    "expected an RFC 3339 string with offset or integer epoch milliseconds, got "
                            + kind(node));
        }
        if (millis < MIN_TIMESTAMP) {
            throw new FieldException(
                    "timestamp",
                    millis + " is before 2000-01-01 (epoch seconds instead of milliseconds?)");
        }
        if (millis > MAX_TIMESTAMP) {
            throw new FieldException("timestamp", millis + " is after 2200-01-01");
        }
        return millis;
    }

    private static double[] numbers(JsonNode node, String field, int max) throws FieldException {
        if (!node.isArray()) {
            throw new FieldException(field, "expected an array of numbers, got " + kind(node));
        }
        if (node.size() > max) {
            throw new FieldException(
                    field, "has " + node.size() + " values, above the limit of " + max);
        }
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isNumber()) {
                throw new FieldException(
                        field + "[" + i + "]", "expected a number, got " + kind(v));
            }
            values[i] = v.doubleValue();
            if (!Double.isFinite(values[i])) {
                throw new FieldException(
                        field + "[" + i + "]", "number out of range: " + v.asText());
            }
        }
        return values;
    }

    private static JsonNode required(JsonNode parent, String field) throws FieldException {
        JsonNode node = optional(parent, field);
        if (node == null) {
            throw new FieldException(field, "required field is missing");
        }
        return node;
    }

    private static JsonNode optional(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private static String requiredString(JsonNode parent, String field, int maxChars)
            throws FieldException {
        JsonNode node = required(parent, field);
        if (!node.isTextual()) {
            throw new FieldException(field, "expected a string, got " + kind(node));
        }
        String s = node.textValue();
        if (s.isEmpty() || s.length() > maxChars) {
            throw new FieldException(
                    field, "must be 1 to " + maxChars + " chars, got " + s.length());
        }
        return s;
    }

    private static String optionalString(JsonNode parent, String field, int maxChars)
            throws FieldException {
        return optionalString(parent, field, maxChars, field);
    }

    private static String optionalString(JsonNode parent, String field, int maxChars, String path)
            throws FieldException {
        JsonNode node = optional(parent, field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new FieldException(path, "expected a string, got " + kind(node));
        }
        String s = node.textValue();
        if (s.length() > maxChars) {
            throw new FieldException(
                    path, "must be at most " + maxChars + " chars, got " + s.length());
        }
        return s;
    }

    private static int optionalInt(JsonNode parent, String field, int min, int max)
            throws FieldException {
        JsonNode node = optional(parent, field);
        if (node == null) {
            return -1;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new FieldException(field, "expected a whole number, got " + kind(node));
        }
        int v = node.intValue();
        if (v < min || v > max) {
            throw new FieldException(field, "must be " + min + " to " + max + ", got " + v);
        }
        return v;
    }

    /** JSON with object keys sorted at every level, so equal parameters give equal text. */
    static String canonicalJson(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        writeCanonical(node, sb);
        return sb.toString();
    }

    private static void writeCanonical(JsonNode node, StringBuilder sb) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append(
                                com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey())
                                        .toString())
                        .append(':');
                writeCanonical(e.getValue(), sb);
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                writeCanonical(node.get(i), sb);
            }
            sb.append(']');
        } else {
            sb.append(node.toString());
        }
    }

    private static boolean isIpAddress(String s) {
        if (IPV4.matcher(s).matches()) {
            return true;
        }
        // Only hex digits, ':' and '.': InetAddress then parses an IPv6 literal and never does a
        // name lookup (a lookup per record would be slow and leak to DNS).
        if (s.indexOf(':') < 0 || !s.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            InetAddress.getByName(s);
            return true;
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "string \"" + abbreviate(node.textValue()) + "\"";
        }
        if (node.isBoolean()) {
            return "boolean " + node.asText();
        }
        if (node.isNumber()) {
            return "number " + node.asText();
        }
        return node.isArray() ? "array" : "object";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** A field that fails validation; internal control flow of the parser. */
    private static final class FieldException extends Exception {
        final String field;

        FieldException(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
