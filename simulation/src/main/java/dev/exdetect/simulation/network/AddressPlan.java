package dev.exdetect.simulation.network;

/**
 * Where one simulated client's requests come from when its address changes over time: a phone
 * moving between a carrier's NAT addresses, an IPv6 host rotating its privacy address, an attacker
 * sending each request through another residential proxy. A client without a plan keeps one
 * address. Plans draw from their own random source (made when the client is set up), so a client's
 * requests are the same with or without one.
 */
public interface AddressPlan {
    /** The address the client started with (the ground truth's {@code source_ip}). */
    String initial();

    /** The source address of the client's request at event time {@code timestampMillis}. */
    String addressAt(long timestampMillis);

    /** Distinct addresses handed out so far. */
    int distinct();
}
