package dev.exdetect.features.params;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestParamsTest {
    @Test
    void readsTheParametersThatMatterForExtraction() {
        RequestParams p =
                RequestParams.parse(
                        "{\"logit_bias\":{\"1234\":100},\"max_tokens\":4096,\"temperature\":0}");
        assertThat(p.maxTokens()).isEqualTo(4096);
        assertThat(p.logitBias()).isTrue();
        assertThat(p.logprobs()).isFalse();
        assertThat(p.fingerprint()).isNotZero();

        assertThat(RequestParams.parse("{\"top_logprobs\":5}").logprobs()).isTrue();
        assertThat(RequestParams.parse("{\"logprobs\":true}").logprobs()).isTrue();
        assertThat(RequestParams.parse("{\"logprobs\":false}").logprobs()).isFalse();
        assertThat(RequestParams.parse("{\"logit_bias\":{}}").logitBias()).isFalse();
        assertThat(RequestParams.parse("{\"max_completion_tokens\":77}").maxTokens()).isEqualTo(77);
    }

    @Test
    void fingerprintsDistinguishParameterSetsAndAbsenceIsZero() {
        assertThat(RequestParams.parse(null)).isEqualTo(RequestParams.NONE);
        assertThat(RequestParams.parse("{\"temperature\":0.7}").fingerprint())
                .isEqualTo(RequestParams.parse("{\"temperature\":0.7}").fingerprint())
                .isNotEqualTo(RequestParams.parse("{\"temperature\":0.8}").fingerprint());
        RequestParams broken = RequestParams.parse("{not json");
        assertThat(broken.fingerprint()).isNotZero();
        assertThat(broken.maxTokens()).isEqualTo(-1);
    }
}
