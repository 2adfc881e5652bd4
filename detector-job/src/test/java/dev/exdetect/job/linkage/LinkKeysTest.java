package dev.exdetect.job.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.features.FeatureConfig;
import dev.exdetect.features.engine.QueryAnalyzer;
import dev.exdetect.job.model.ClientEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class LinkKeysTest {
    @Test
    void subnetsAreTheIpv4Slash24AndTheIpv6Slash48() {
        assertThat(LinkKeys.subnet("81.164.11.157")).isEqualTo("81.164.11");
        assertThat(LinkKeys.subnet("2001:db8:abcd:12::1")).isEqualTo("2001:0db8:abcd::/48");
        assertThat(LinkKeys.subnet("2001:db8:abcd:ffff:1:2:3:4"))
                .as("one /48 whatever follows")
                .isEqualTo(LinkKeys.subnet("2001:0db8:abcd::9"));
        assertThat(LinkKeys.subnet("::ffff:10.1.2.3"))
                .as("an IPv4-mapped address is its IPv4 /24")
                .isEqualTo("10.1.2");
    }

    @Test
    void userAgentsDropPatchVersionsAndCase() {
        assertThat(LinkKeys.normalizeUserAgent(" python-httpx/0.27.2 "))
                .isEqualTo("python-httpx/0.27");
        assertThat(LinkKeys.normalizeUserAgent("OpenAI/Python 1.54.3"))
                .isEqualTo(LinkKeys.normalizeUserAgent("openai/python 1.54.0"));
        assertThat(LinkKeys.normalizeUserAgent("curl/8.5"))
                .isNotEqualTo(LinkKeys.normalizeUserAgent("curl/8.6"));
    }

    @Test
    void aRequestYieldsOneItemPerSignalItCarries() throws Exception {
        ClientEvent e = new ClientEvent();
        e.clientId = "c1";
        e.tenant = "acme";
        e.timestampMillis = 1_000;
        e.sourceIp = "2001:db8:abcd:12::1";
        e.userAgent = "python-httpx/0.27.2";
        try (QueryAnalyzer analyzer = new QueryAnalyzer(FeatureConfig.defaults())) {
            e.observation =
                    analyzer.observe(
                            1_000,
                            "you are a helpful assistant that rewrites the user's text in plain"
                                    + " english for a general reader: the quick brown fox");
        }
        List<LinkObservation> items = new ArrayList<>();
        new LinkKeys().flatMap(e, new ListCollector(items));
        assertThat(items).allMatch(o -> o.clientKey.equals("acme:c1"));
        assertThat(items).allMatch(o -> o.origin.equals("2001:0db8:abcd::/48"));
        assertThat(items)
                .extracting(o -> o.itemKey.substring(0, o.itemKey.indexOf(':')))
                .containsExactly("address", "subnet", "user_agent", "template", "query", "query");
        assertThat(items.get(2).itemKey).isEqualTo("user_agent:python-httpx/0.27");
    }

    private record ListCollector(List<LinkObservation> items)
            implements Collector<LinkObservation> {
        @Override
        public void collect(LinkObservation o) {
            items.add(o);
        }

        @Override
        public void close() {}
    }
}
