package dev.exdetect.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exdetect.job.launch.DetectionOptions;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.pipeline.EventTimeRange;
import dev.exdetect.job.replay.Progress;
import dev.exdetect.job.replay.Replay;
import dev.exdetect.job.request.ClientKeys;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RulePack;
import dev.exdetect.rules.model.Severity;
import dev.exdetect.rules.parse.RuleFileException;
import dev.exdetect.rules.parse.RulePackParser;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rules}: check a rule file, and try it on logs, without Kafka. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "Check rule files and try them on request logs.",
        subcommands = {RulesCommand.Validate.class, RulesCommand.Test.class})
public class RulesCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code rules validate FILE...}: exit 0 when every file is valid, 2 otherwise. */
    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description =
                    "Check rule files; print each problem with file, line, column and reason. Exit 0 if all are valid, 2 if not.")
    static class Validate implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Rule files (YAML).")
        List<Path> files;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int bad = 0;
            for (Path file : files) {
                try {
                    RulePack pack = RulePackParser.parseFile(file);
                    out.printf(
                            "%s: OK: %d rule versions (%s); %d client and %d tenant overrides; dry run %s%n",
                            file,
                            pack.rules().size(),
                            ruleList(pack.rules()),
                            pack.overrides().clients().size(),
                            pack.overrides().tenants().size(),
                            pack.settings().dryRun() ? "on" : "off");
                } catch (RuleFileException e) {
                    err.println("error: " + e.getMessage());
                    bad++;
                }
            }
            return bad == 0 ? 0 : 2;
        }

        private static String ruleList(List<Rule> rules) {
            List<String> names = new ArrayList<>();
            rules.forEach(r -> names.add(r.id() + " v" + r.version()));
            return String.join(", ", names);
        }
    }

    /**
     * {@code rules test FILE --input LOG...}: runs the detector over logs with the rule file (as a
     * replay, in this process) and reports which rules fire on which clients.
     */
    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            description =
                    "Run the detection with a rule file over request logs (no Kafka needed) and report which rules fire on which clients, and which commands they would send.")
    static class Test implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "Rule file (YAML).")
        Path rulesFile;

        @Option(
                names = "--input",
                required = true,
                arity = "1..*",
                paramLabel = "PATH",
                description = "Request logs: .jsonl or .jsonl.gz files, or folders of them.")
        List<Path> inputs;

        @Option(
                names = "--output",
                paramLabel = "DIR",
                description =
                        "Keep the alerts, commands and summary here (default: a temporary folder, deleted).")
        Path output;

        @Mixin DetectionOptions detection;

        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (detection.rules != null) {
                throw new IllegalArgumentException(
                        "rules test judges with the rule file FILE; drop --rules");
            }
            RulePack pack = RulePackParser.parseFile(rulesFile);
            Path dir = output != null ? output : Files.createTempDirectory("exdetect-rules-test");
            try {
                Replay.Result replay =
                        Replay.run(
                                new Replay.Request(
                                        Replay.files(inputs),
                                        inputs.stream().map(Path::toString).toList(),
                                        pack,
                                        detection.config(),
                                        EventTimeRange.ALL,
                                        2,
                                        dir,
                                        "rules test",
                                        0),
                                new Progress(spec.commandLine().getErr(), "replay"));
                report(pack, read(replay.alerts()), read(replay.throttles()), out);
            } finally {
                if (output == null) {
                    WorkDirs.delete(dir);
                }
            }
            return 0;
        }

        /**
         * Per rule: clients it fired on and its first firing; per client: rules, severity,
         * commands.
         */
        static void report(
                RulePack pack, List<JsonNode> alerts, List<JsonNode> commands, PrintWriter out) {
            Map<String, TreeSet<String>> clientsByRule = new TreeMap<>();
            Map<String, String> firstByRule = new TreeMap<>();
            pack.rules().forEach(r -> clientsByRule.put(r.id(), new TreeSet<>()));
            Map<String, TreeSet<String>> rulesByClient = new TreeMap<>();
            Map<String, Severity> severityByClient = new TreeMap<>();
            for (JsonNode a : alerts) {
                String client = ClientKeys.of(a);
                rulesByClient.computeIfAbsent(client, k -> new TreeSet<>());
                Severity sev = Severity.valueOf(a.path("severity").asText());
                severityByClient.merge(client, sev, (x, y) -> x.compareTo(y) >= 0 ? x : y);
                for (JsonNode r : a.path("rules")) {
                    String id = r.path("id").asText();
                    clientsByRule.computeIfAbsent(id, k -> new TreeSet<>()).add(client);
                    rulesByClient.get(client).add(id);
                    firstByRule.putIfAbsent(
                            id,
                            client
                                    + " at "
                                    + Instant.ofEpochMilli(a.path("detected_at").asLong())
                                    + " (request "
                                    + a.path("trigger_request_id").asText()
                                    + ")");
                }
            }
            Map<String, TreeSet<String>> actionsByClient = new TreeMap<>();
            for (JsonNode c : commands) {
                if (!c.path("tombstone").asBoolean()) {
                    actionsByClient
                            .computeIfAbsent(ClientKeys.of(c), k -> new TreeSet<>())
                            .add(c.path("action").asText());
                }
            }
            out.printf("%-32s %8s  %s%n", "RULE", "CLIENTS", "FIRST FIRED");
            clientsByRule.forEach(
                    (rule, clients) ->
                            out.printf(
                                    "%-32s %8d  %s%n",
                                    rule, clients.size(), firstByRule.getOrDefault(rule, "never")));
            out.println();
            out.printf("%-32s %-9s %-22s %s%n", "CLIENT", "SEVERITY", "COMMANDS", "RULES FIRED");
            rulesByClient.forEach(
                    (client, rules) ->
                            out.printf(
                                    "%-32s %-9s %-22s %s%n",
                                    client,
                                    severityByClient.get(client),
                                    String.join(
                                            ",",
                                            actionsByClient.getOrDefault(client, new TreeSet<>())),
                                    String.join(", ", rules)));
            out.flush();
        }

        private static List<JsonNode> read(Path file) throws java.io.IOException {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                nodes.add(Json.MAPPER.readTree(line));
            }
            return nodes;
        }
    }
}
