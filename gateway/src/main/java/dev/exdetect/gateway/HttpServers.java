package dev.exdetect.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Creates the JDK HTTP servers of the gateway and the stand-in model. */
final class HttpServers {
    private HttpServers() {}

    /**
     * A server on {@code address}:{@code port}, with TCP_NODELAY on its connections. Without it the
     * JDK server writes a response's headers and body as two small packets, and Nagle's algorithm
     * holds the body until the client's delayed ACK: about 40 ms per request instead of about 2.
     * The JDK reads the switch ({@code sun.net.httpserver.nodelay}) once, when its first server is
     * created, so it is set here unless the user has set it.
     */
    static HttpServer create(String address, int port) throws IOException {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        return HttpServer.create(new InetSocketAddress(address, port), 128);
    }
}
