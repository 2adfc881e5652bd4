package dev.exdetect.features.linkage;

/**
 * Something two accounts can share that suggests one actor behind them, with how rare it must be to
 * count. Signals fall into independent {@link Group}s: a link between two accounts needs evidence
 * from more than one group (see {@link LinkPolicy}), because any single kind of sharing has
 * innocent explanations (a corporate NAT, a popular question, an app's template).
 */
public enum LinkSignal {
    /** The same source address (rarity: distinct clients using it). */
    ADDRESS(Group.NETWORK, 64),
    /** The same IPv4 /24 or IPv6 /48 (rarity: distinct clients using it). */
    SUBNET(Group.NETWORK, 256),
    /** The same user agent, ignoring patch versions (rarity: distinct origins using it). */
    USER_AGENT(Group.SOFTWARE, 16),
    /** Identical request parameters (rarity: distinct origins using them). */
    PARAMS(Group.REQUEST_SHAPE, 16),
    /** The same prompt template, the first words of the prompt (rarity: distinct origins). */
    TEMPLATE(Group.CONTENT, 16),
    /** A near-duplicate query, a shared MinHash LSH band (rarity: distinct origins). */
    QUERY(Group.CONTENT, 16),
    /** Active in the same time slots (computed from activity, not from a shared item). */
    TIMING(Group.TIMING, 0);

    /** Kinds of evidence that are independent of each other. */
    public enum Group {
        NETWORK,
        SOFTWARE,
        REQUEST_SHAPE,
        CONTENT,
        TIMING
    }

    private final Group group;
    private final int commonAt;

    LinkSignal(Group group, int commonAt) {
        this.group = group;
        this.commonAt = commonAt;
    }

    /** The independent kind of evidence this signal belongs to. */
    public Group group() {
        return group;
    }

    /**
     * How widely an item may be shared before it links nobody: everyone asks "what is the capital
     * of France", every user of a popular app sends its parameters. Network signals count distinct
     * clients; the others count distinct network origins (subnets), because what makes a parameter
     * set or a template telling is not how many accounts use it but that they all come from one
     * place: a campaign of 50 accounts on one /24 shares its parameters with one origin, a popular
     * default is shared across hundreds. 0 for signals that are not shared items.
     */
    public int commonAt() {
        return commonAt;
    }

    /** True when rarity counts distinct clients (network signals), false for distinct origins. */
    public boolean countsClients() {
        return group == Group.NETWORK;
    }

    /**
     * How much sharing one item says, from 1 down to 0 when the item is common: an inverse document
     * frequency scaled to [0, 1]. Network signals: {@code 1 - ln(clients - 1) / ln(commonAt - 1)}
     * (1 for two clients). Other signals: {@code 1 - ln(origins) / ln(commonAt)} (1 when every
     * sharer comes from one origin).
     *
     * @param distinctClients clients sharing the item within the window, this one included
     * @param distinctOrigins network origins (subnets) of those clients
     */
    public double weight(int distinctClients, int distinctOrigins) {
        if (distinctClients < 2) {
            return 0;
        }
        if (countsClients()) {
            return distinctClients >= commonAt
                    ? 0
                    : 1 - Math.log(distinctClients - 1) / Math.log(commonAt - 1);
        }
        int origins = Math.max(1, distinctOrigins);
        return origins >= commonAt ? 0 : 1 - Math.log(origins) / Math.log(commonAt);
    }

    /** The signal's id in evidence and alerts, e.g. {@code subnet}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
