package dev.exdetect.cli;

import picocli.CommandLine.ITypeConverter;

/**
 * A {@code HOST:PORT} to listen on ({@code --listen}); port 0 picks a free one.
 *
 * @param host interface address or name
 * @param port TCP port
 */
record ListenAddress(String host, int port) {
    /** Reads {@code HOST:PORT}, {@code :PORT} (loopback) or {@code [IPv6]:PORT}. */
    static ListenAddress parse(String value) {
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + value + "'", e);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535 in '" + value + "'");
        }
        return new ListenAddress(host.isEmpty() ? "127.0.0.1" : host, port);
    }

    /** For picocli. */
    static final class Converter implements ITypeConverter<ListenAddress> {
        @Override
        public ListenAddress convert(String value) {
            return parse(value);
        }
    }
}
