package dev.exdetect.simulation.network;

import java.util.List;
import java.util.Random;

/** Network identity of simulated clients: source addresses and user agents. */
public final class Addresses {
    private static final List<String> BROWSERS =
            List.of(
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
                    "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
                    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0");

    private static final List<String> MOBILE =
            List.of(
                    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
                    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
                    "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36");

    private static final List<String> SDKS =
            List.of(
                    "OpenAI/Python 1.54.3",
                    "OpenAI/NodeJS 4.71.0",
                    "python-requests/2.32.3",
                    "python-httpx/0.27.2",
                    "curl/8.5.0",
                    "Go-http-client/2.0",
                    "okhttp/4.12.0");

    private Addresses() {}

    /** The first three octets of a random public-looking /24, e.g. {@code 81.164.23}. */
    public static String subnet(Random random) {
        int a;
        do {
            a = 11 + random.nextInt(213);
        } while (a == 127 || a == 100 || a == 169 || a == 172 || a == 192);
        return a + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    /** A host in {@code subnet}. */
    public static String host(String subnet, Random random) {
        return subnet + "." + (2 + random.nextInt(252));
    }

    /** A random public-looking address. */
    public static String address(Random random) {
        return host(subnet(random), random);
    }

    /**
     * The first four groups of a random global IPv6 /64 prefix (2000::/3, as ISPs delegate to
     * homes), e.g. {@code 2a02:8109:1c3f:4e00}.
     */
    public static String ipv6Prefix(Random random) {
        return String.format(
                "%x:%x:%x:%x",
                0x2000 + random.nextInt(0x2000),
                random.nextInt(0x10000),
                random.nextInt(0x10000),
                random.nextInt(0x10000));
    }

    /**
     * A random interface identifier in a /64 {@code prefix}, as privacy extensions (RFC 8981) make
     * one: the full address in lower-case hexadecimal groups.
     */
    public static String ipv6Host(String prefix, Random random) {
        return String.format(
                "%s:%x:%x:%x:%x",
                prefix,
                random.nextInt(0x10000),
                random.nextInt(0x10000),
                random.nextInt(0x10000),
                random.nextInt(0x10000));
    }

    /** A browser user agent. */
    public static String browser(Random random) {
        return BROWSERS.get(random.nextInt(BROWSERS.size()));
    }

    /** A phone's browser user agent. */
    public static String mobileBrowser(Random random) {
        return MOBILE.get(random.nextInt(MOBILE.size()));
    }

    /** An API client library's user agent. */
    public static String sdk(Random random) {
        return SDKS.get(random.nextInt(SDKS.size()));
    }

    /** A neutral account id such as {@code acct-3f9a1c02} (ids must not reveal roles). */
    public static String accountId(Random random) {
        return String.format("acct-%08x", random.nextInt());
    }
}
