package dev.exdetect.features.linkage;

/**
 * The recent clients of one shared item (an address, a subnet, a parameter fingerprint, a template,
 * an LSH band of a query): who used it within the window, so that a client arriving at it can be
 * linked to the others, weighted by how rare the item is.
 *
 * <p>Bounded: at most {@link #CAPACITY} clients are remembered (the most recent; those that arrived
 * beyond are only counted). Arrays grow as clients arrive, since most items have one. A Flink POJO.
 */
public class SharedItem {
    /** Clients remembered per item. */
    public static final int CAPACITY = 64;

    /** Client keys, parallel to {@link #lastSeen}. */
    public String[] clients;

    /** Network origin (subnet) of each client, parallel to {@link #clients}. */
    public String[] origins;

    /** Event time each client last used the item. */
    public long[] lastSeen;

    /** Entries in use. */
    public int size;

    /** Distinct clients that arrived while the item was full (only counted). */
    public int overflow;

    /** Event time of the newest use. */
    public long newest;

    /** Event time of the first use since the item was (re)created; 0 before any. */
    public long firstSeen;

    /** Links waiting for their probation to end: new client, earlier client, due time. */
    public String[] pendingNew;

    public String[] pendingOld;
    public long[] pendingDue;
    public int pendingSize;

    /** For Flink's POJO serializer. */
    public SharedItem() {}

    /** An item nobody used yet (arrays grow as clients arrive: most items have one client). */
    public static SharedItem empty() {
        SharedItem s = new SharedItem();
        s.clients = new String[2];
        s.origins = new String[2];
        s.lastSeen = new long[2];
        return s;
    }

    /**
     * Records that {@code client}, from network origin {@code origin}, used the item at {@code t}.
     * When the client is new to the item, returns the other clients that used it within the window
     * (to be linked to it, if the item is rare enough: see {@link LinkSignal#weight}); otherwise an
     * empty array.
     */
    public String[] arrive(String client, String origin, long t, long windowMillis) {
        forgetOlderThan(t - windowMillis);
        if (size == 0 && overflow == 0) {
            firstSeen = t;
        }
        newest = Math.max(newest, t);
        for (int i = 0; i < size; i++) {
            if (clients[i].equals(client)) {
                lastSeen[i] = Math.max(lastSeen[i], t);
                return new String[0];
            }
        }
        String[] others = java.util.Arrays.copyOf(clients, size);
        if (size == clients.length && size < CAPACITY) {
            clients = java.util.Arrays.copyOf(clients, Math.min(CAPACITY, size * 2));
            origins = java.util.Arrays.copyOf(origins, clients.length);
            lastSeen = java.util.Arrays.copyOf(lastSeen, clients.length);
        }
        if (size < CAPACITY) {
            clients[size] = client;
            origins[size] = origin;
            lastSeen[size] = t;
            size++;
        } else {
            overflow++;
            int oldest = 0;
            for (int i = 1; i < size; i++) {
                if (lastSeen[i] < lastSeen[oldest]) {
                    oldest = i;
                }
            }
            clients[oldest] = client;
            origins[oldest] = origin;
            lastSeen[oldest] = t;
        }
        return others;
    }

    /** Distinct clients that used the item within the window (an estimate once it overflowed). */
    public int distinctClients() {
        return size + overflow;
    }

    /** Pending links kept at most per item; further ones are dropped (the item is busy). */
    public static final int MAX_PENDING = 256;

    /**
     * Holds the links of a new client until {@code due}: only then is the item's rarity judged,
     * once the item has been seen for a while. Without this, the first two users of a popular
     * parameter set would look like a rare pair.
     */
    public void addPending(String newClient, String[] earlier, long due) {
        for (String old : earlier) {
            if (pendingSize == MAX_PENDING) {
                return;
            }
            if (pendingNew == null || pendingSize == pendingNew.length) {
                int n = pendingNew == null ? 4 : Math.min(MAX_PENDING, pendingNew.length * 2);
                pendingNew =
                        pendingNew == null ? new String[n] : java.util.Arrays.copyOf(pendingNew, n);
                pendingOld =
                        pendingOld == null ? new String[n] : java.util.Arrays.copyOf(pendingOld, n);
                pendingDue =
                        pendingDue == null ? new long[n] : java.util.Arrays.copyOf(pendingDue, n);
            }
            pendingNew[pendingSize] = newClient;
            pendingOld[pendingSize] = old;
            pendingDue[pendingSize] = due;
            pendingSize++;
        }
    }

    /** The earliest due time of a pending link, or Long.MAX_VALUE when none. */
    public long nextDue() {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < pendingSize; i++) {
            next = Math.min(next, pendingDue[i]);
        }
        return next;
    }

    /**
     * A link held for probation.
     *
     * @param newClient the client that arrived
     * @param earlierClient a client that had used the item before
     * @param due when its probation ends
     */
    public record PendingLink(String newClient, String earlierClient, long due) {}

    /** Removes and returns the pending links due at or before {@code t}, earliest first. */
    public java.util.List<PendingLink> takeDue(long t) {
        java.util.List<PendingLink> due = new java.util.ArrayList<>();
        int kept = 0;
        for (int i = 0; i < pendingSize; i++) {
            if (pendingDue[i] <= t) {
                due.add(new PendingLink(pendingNew[i], pendingOld[i], pendingDue[i]));
            } else {
                pendingNew[kept] = pendingNew[i];
                pendingOld[kept] = pendingOld[i];
                pendingDue[kept] = pendingDue[i];
                kept++;
            }
        }
        pendingSize = kept;
        due.sort(java.util.Comparator.comparingLong(PendingLink::due));
        return due;
    }

    /** Distinct network origins among the remembered clients (a lower bound once overflowed). */
    public int distinctOrigins() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < size; i++) {
            seen.add(origins[i]);
        }
        return seen.size() + (overflow > 0 ? 1 : 0);
    }

    private void forgetOlderThan(long cutoff) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (lastSeen[i] >= cutoff) {
                clients[kept] = clients[i];
                origins[kept] = origins[i];
                lastSeen[kept] = lastSeen[i];
                kept++;
            }
        }
        for (int i = kept; i < size; i++) {
            clients[i] = null;
            origins[i] = null;
        }
        if (kept < size) {
            overflow = 0; // the overflowed clients were older than what was forgotten
        }
        size = kept;
    }
}
