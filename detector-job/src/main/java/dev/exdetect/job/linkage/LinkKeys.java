package dev.exdetect.job.linkage;

import dev.exdetect.features.hash.Hashing;
import dev.exdetect.features.linkage.LinkSignal;
import dev.exdetect.features.minhash.Signatures;
import dev.exdetect.job.model.ClientEvent;
import dev.exdetect.job.request.ClientKeys;
import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The shared items a request exposes to the cross-client index: its address and subnet, its user
 * agent (patch versions ignored), its parameter fingerprint, its prompt template (the first words
 * of a long prompt), and two LSH bands of its MinHash signature (near-duplicate queries share a
 * band). At most seven items per request, each keyed separately so the index runs in parallel.
 *
 * <p>Fed the observed requests only: cluster verdicts are made downstream of it and never reach it.
 */
public class LinkKeys implements FlatMapFunction<ClientEvent, LinkObservation> {
    /** Prompt words that make up the template key. */
    static final int TEMPLATE_WORDS = 8;

    /** A prompt needs this many words before its opening counts as a template. */
    static final int MIN_TEMPLATE_PROMPT_WORDS = 16;

    /** LSH bands of the query signature used as items. */
    static final int QUERY_BANDS = 2;

    private static final Pattern PATCH_VERSION = Pattern.compile("(\\d+\\.\\d+)(?:\\.\\d+)+");

    @Override
    public void flatMap(ClientEvent e, Collector<LinkObservation> out) {
        String client = ClientKeys.of(e.tenant, e.clientId);
        long t = e.timestampMillis;
        String subnet = e.sourceIp == null ? null : subnet(e.sourceIp);
        String origin = subnet == null ? "-" : subnet;
        if (e.sourceIp != null) {
            out.collect(item(LinkSignal.ADDRESS, e.sourceIp, client, origin, t));
            if (subnet != null) {
                out.collect(item(LinkSignal.SUBNET, subnet, client, origin, t));
            }
        }
        if (e.userAgent != null && !e.userAgent.isBlank()) {
            out.collect(
                    item(
                            LinkSignal.USER_AGENT,
                            normalizeUserAgent(e.userAgent),
                            client,
                            origin,
                            t));
        }
        if (e.observation.paramsFingerprint != 0) {
            out.collect(
                    item(
                            LinkSignal.PARAMS,
                            Integer.toHexString(e.observation.paramsFingerprint),
                            client,
                            origin,
                            t));
        }
        int[] tokens = e.observation.tokenHashes;
        if (tokens != null && tokens.length >= MIN_TEMPLATE_PROMPT_WORDS) {
            long h = 0;
            for (int i = 0; i < TEMPLATE_WORDS; i++) {
                h = Hashing.combine(h, tokens[i]);
            }
            out.collect(item(LinkSignal.TEMPLATE, Long.toHexString(h), client, origin, t));
        }
        if (e.observation.textSignature != null) {
            for (int band = 0; band < QUERY_BANDS; band++) {
                int key = Signatures.bandKey(e.observation.textSignature, 0, band);
                out.collect(
                        item(
                                LinkSignal.QUERY,
                                band + "/" + Integer.toHexString(key),
                                client,
                                origin,
                                t));
            }
        }
    }

    private static LinkObservation item(
            LinkSignal signal, String value, String client, String origin, long t) {
        return new LinkObservation(signal.id() + ":" + value, client, origin, t);
    }

    /** The /24 of an IPv4 address or the /48 of an IPv6 address; null when it does not parse. */
    static String subnet(String ip) {
        if (ip.indexOf(':') < 0) {
            int lastDot = ip.lastIndexOf('.');
            return lastDot > 0 ? ip.substring(0, lastDot) : null;
        }
        try {
            // The parser already checked this is an address literal: no name lookup happens.
            byte[] b = InetAddress.getByName(ip).getAddress();
            if (b.length == 4) {
                return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff);
            }
            return String.format(
                    "%02x%02x:%02x%02x:%02x%02x::/48", b[0], b[1], b[2], b[3], b[4], b[5]);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The user agent with patch versions dropped ({@code httpx/0.27.2} becomes {@code httpx/0.27}).
     */
    static String normalizeUserAgent(String ua) {
        return PATCH_VERSION.matcher(ua.trim().toLowerCase(Locale.ROOT)).replaceAll("$1");
    }
}
