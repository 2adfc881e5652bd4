package dev.exdetect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.exdetect.job.launch.KafkaOptions;
import dev.exdetect.job.output.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The deployment files in {@code deploy/} are valid without Docker or Kubernetes at hand: the
 * compose file against the Compose Specification schema, the {@code FlinkDeployment} against the
 * operator's CRD (see {@code src/test/resources/schemas/README.md}), and both against the job
 * itself: the program arguments they pass are options {@code run} accepts, the entry class and jar
 * path exist, and the topics script creates every topic the job uses.
 */
class DeployFilesTest {
    private static final Path DEPLOY = Path.of("..", "deploy");

    @Test
    void theComposeFileFollowsTheComposeSpecification() throws Exception {
        JsonNode compose = yaml(DEPLOY.resolve("docker-compose.yml"));
        assertThat(validate("compose-spec.json", compose)).isEmpty();
        assertThat(compose.path("services").fieldNames())
                .toIterable()
                .contains("kafka", "topics", "jobmanager", "taskmanager", "gateway");
    }

    @Test
    void theFlinkDeploymentFollowsTheOperatorsSchema() throws Exception {
        JsonNode deployment = yaml(DEPLOY.resolve("k8s").resolve("flinkdeployment.yaml"));
        assertThat(validate("flinkdeployment-v1beta1.schema.json", deployment)).isEmpty();
        JsonNode spec = deployment.path("spec");
        assertThat(spec.path("job").path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(spec.path("flinkConfiguration").path("high-availability.type").asText())
                .isEqualTo("kubernetes");
        assertThat(spec.path("flinkConfiguration").path("execution.checkpointing.dir").asText())
                .startsWith("s3://");
    }

    @Test
    void theSchemaCheckRefusesAMistake() throws Exception {
        ObjectNode deployment =
                (ObjectNode) yaml(DEPLOY.resolve("k8s").resolve("flinkdeployment.yaml"));
        ((ObjectNode) deployment.path("spec").path("job")).put("upgradeMode", "savepoints");
        assertThat(validate("flinkdeployment-v1beta1.schema.json", deployment))
                .anySatisfy(m -> assertThat(m).contains("upgradeMode"));
        ObjectNode compose = (ObjectNode) yaml(DEPLOY.resolve("docker-compose.yml"));
        ((ObjectNode) compose.path("services").path("taskmanager")).put("replica", 2);
        assertThat(validate("compose-spec.json", compose)).isNotEmpty();
    }

    @Test
    void theJobArgumentsAreOptionsRunAccepts() throws Exception {
        JsonNode deployment = yaml(DEPLOY.resolve("k8s").resolve("flinkdeployment.yaml"));
        List<String> k8sArgs = strings(deployment.path("spec").path("job").path("args"));
        assertThat(parses(k8sArgs)).isTrue();
        assertThat(Class.forName(deployment.path("spec").path("job").path("entryClass").asText()))
                .isNotNull();

        List<String> command =
                strings(
                        yaml(DEPLOY.resolve("docker-compose.yml"))
                                .path("services")
                                .path("jobmanager")
                                .path("command"));
        int classname = command.indexOf("--job-classname");
        Class.forName(command.get(classname + 1));
        assertThat(parses(command.subList(classname + 2, command.size()))).isTrue();

        for (String service : List.of("gateway", "model-server")) {
            List<String> java =
                    strings(
                            yaml(DEPLOY.resolve("docker-compose.yml"))
                                    .path("services")
                                    .path(service)
                                    .path("command"));
            var parsed =
                    new CommandLine(new DetectorCli())
                            .parseArgs(java.subList(3, java.size()).toArray(String[]::new));
            assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(service);
        }

        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
        String jarPath =
                deployment.path("spec").path("job").path("jarURI").asText().replace("local://", "");
        assertThat(dockerfile).contains(" " + jarPath);
    }

    @Test
    void theTopicsScriptCreatesEveryTopicWithCompactionWhereNeeded() throws Exception {
        KafkaOptions defaults = new KafkaOptions();
        new CommandLine(defaults).parseArgs();
        String script = Files.readString(DEPLOY.resolve("topics.sh"));
        Matcher m = Pattern.compile("(?m)^create (\\S+) .*$").matcher(script);
        Set<String> created = new TreeSet<>();
        List<String> compacted = new ArrayList<>();
        while (m.find()) {
            created.add(m.group(1));
            if (m.group().contains("cleanup.policy=compact")) {
                compacted.add(m.group(1));
            }
        }
        assertThat(created).containsExactlyInAnyOrderElementsOf(defaults.allTopics());
        assertThat(compacted).containsExactlyInAnyOrder("throttle-commands", "detector-rules");
    }

    private static boolean parses(List<String> args) {
        // The cluster jar's program arguments are the options of run, with or without "run".
        List<String> command = new ArrayList<>(args);
        if (command.isEmpty() || !command.get(0).equals("run")) {
            command.add(0, "run");
        }
        var parsed = new CommandLine(new DetectorCli()).parseArgs(command.toArray(String[]::new));
        return parsed.subcommand() != null
                && parsed.subcommand().commandSpec().name().equals("run")
                && parsed.subcommand().unmatched().isEmpty();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** YAML through SnakeYAML (which resolves anchors and merge keys), as JSON. */
    private static JsonNode yaml(Path file) throws IOException {
        Object doc = new Yaml().load(Files.readString(file));
        return Json.MAPPER.valueToTree(doc);
    }

    /**
     * The Compose schema declares draft 2019-09 but names its parts with draft-4 {@code id}
     * keywords, which the 2019-09 validator refuses as unknown; they carry no constraint, so they
     * are removed (property definitions named "id" are kept).
     */
    private static JsonNode withoutDraft4Ids(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.path("id").isTextual()) {
                o.remove("id");
            }
            o.forEach(DeployFilesTest::withoutDraft4Ids);
        } else if (node.isArray()) {
            node.forEach(DeployFilesTest::withoutDraft4Ids);
        }
        return node;
    }

    private static List<String> validate(String schemaResource, JsonNode doc) throws IOException {
        try (InputStream in =
                DeployFilesTest.class.getResourceAsStream("/schemas/" + schemaResource)) {
            JsonNode schemaNode = withoutDraft4Ids(Json.MAPPER.readTree(in));
            Schema schema =
                    SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09)
                            .getSchema(schemaNode);
            List<String> messages = new ArrayList<>();
            for (Error error : schema.validate(doc)) {
                messages.add(error.toString());
            }
            return messages;
        }
    }
}
