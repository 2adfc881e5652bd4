package dev.exdetect.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading model calls for the request log, and DEGRADE's stripping, on the stand-in's answers. */
class ModelCallTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private static StandInModel model;

    @BeforeAll
    static void startStandIn() throws Exception {
        model = StandInModel.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stopStandIn() {
        model.close();
    }

    private ObjectNode json(String s) throws Exception {
        return (ObjectNode) mapper.readTree(s);
    }

    @Test
    void theInputOfAChatIsItsLastUserMessageAndTheRestAreParams() throws Exception {
        ObjectNode body =
                json(
                        "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                                + "{\"role\":\"user\",\"content\":\"first\"},{\"role\":\"assistant\",\"content\":\"ok\"},"
                                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"second\"}]}],"
                                + "\"logprobs\":true,\"top_logprobs\":5,\"temperature\":0}");
        assertThat(ModelCall.input(body, mapper).toString()).isEqualTo("{\"text\":\"second\"}");
        assertThat(ModelCall.params(body, mapper).toString())
                .isEqualTo("{\"logprobs\":true,\"top_logprobs\":5,\"temperature\":0}");
        assertThat(ModelCall.model(body)).isEqualTo("m");
    }

    @Test
    void classifierInputsAreTextOrAVector() throws Exception {
        assertThat(ModelCall.input(json("{\"input\":\"great film\"}"), mapper).toString())
                .isEqualTo("{\"text\":\"great film\"}");
        assertThat(ModelCall.input(json("{\"features\":[0.5,1,-2]}"), mapper).toString())
                .isEqualTo("{\"features\":[0.5,1,-2]}");
        assertThat(ModelCall.input(json("{\"input\":{\"features\":[1]}}"), mapper).toString())
                .isEqualTo("{\"features\":[1]}");
        assertThat(ModelCall.input(json("{\"features\":[\"x\"]}"), mapper)).isNull();
        assertThat(ModelCall.input(json("{\"temperature\":1}"), mapper)).isNull();
    }

    @Test
    void degradeKeepsTheTopLabelAndDropsTheScores() throws Exception {
        ObjectNode answer = model.classify(json("{\"input\":\"great film\"}"));
        String label = answer.path("label").asText();
        assertThat(answer.path("probabilities")).hasSize(3);
        assertThat(ModelCall.output(answer, mapper).has("probabilities")).isTrue();

        Degrader.answer(answer);
        assertThat(answer.path("label").asText()).isEqualTo(label);
        assertThat(answer.has("probabilities")).isFalse();
        assertThat(answer.has("confidence")).isFalse();
        assertThat(ModelCall.output(answer, mapper).toString())
                .isEqualTo("{\"label\":\"" + label + "\"}");
    }

    @Test
    void degradeKeepsOneCompletionWithoutLogprobs() throws Exception {
        ObjectNode request =
                json(
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"n\":3,"
                                + "\"logprobs\":true,\"top_logprobs\":5,\"temperature\":0.2}");
        ObjectNode answer = model.chat(request);
        assertThat(answer.path("choices")).hasSize(3);
        JsonNode firstToken = answer.path("choices").get(0).path("logprobs").path("content").get(0);
        assertThat(firstToken.path("top_logprobs")).hasSize(5);
        assertThat(ModelCall.output(answer, mapper).path("logprobs").asBoolean()).isTrue();
        String firstText = answer.path("choices").get(0).path("message").toString();

        Degrader.answer(answer);
        assertThat(answer.path("choices")).hasSize(1);
        assertThat(answer.path("choices").get(0).path("message").toString()).isEqualTo(firstText);
        assertThat(ModelCall.output(answer, mapper).path("logprobs").asBoolean()).isFalse();

        Degrader.request(request);
        assertThat(request.toString())
                .isEqualTo(
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.2}");
        JsonNode plain = model.chat(request);
        assertThat(plain.path("choices")).hasSize(1);
        assertThat(plain.path("choices").get(0).path("logprobs").isNull()).isTrue();
    }

    @Test
    void theStandInAnswersTheSameInputTheSameWay() throws Exception {
        ObjectNode a = model.classify(json("{\"input\":\"x\"}"));
        ObjectNode b = model.classify(json("{\"input\":\"x\"}"));
        assertThat(a).isEqualTo(b);
        double sum = 0;
        for (JsonNode p : a.path("probabilities")) {
            sum += p.asDouble();
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }
}
