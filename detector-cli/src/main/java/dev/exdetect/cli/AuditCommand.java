package dev.exdetect.cli;

import dev.exdetect.evaluation.audit.Audit;
import dev.exdetect.evaluation.audit.AuditReport;
import dev.exdetect.job.launch.DetectionOptions;
import dev.exdetect.job.replay.Progress;
import dev.exdetect.simulation.profile.Family;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code audit}: how extractable is the model behind this detector? Simulates one theft inside
 * background traffic, runs the detector over it as {@code replay} does, and reports when the
 * attacker was caught and what it had taken by then.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description =
                "Extraction audit: simulate one theft (a family and a query budget) inside"
                        + " background traffic, run it through the detector, and report when it"
                        + " was caught and what had leaked by then (for the vector API: the stolen"
                        + " model's fidelity). See docs/DETECTION.md.")
public class AuditCommand implements Callable<Integer> {
    @Option(
            names = "--attack",
            required = true,
            paramLabel = "FAMILY",
            description =
                    "Attack family: distillation, self-instruct, functionality-stealing,"
                            + " equation-solving, jacobian-augmentation, knockoff, logit-sweep,"
                            + " low-and-slow, mixed-50, mixed-20, sybil.")
    String attack;

    @Option(
            names = "--budget",
            paramLabel = "N",
            description = "Attack queries the attacker may send (default: the family's default).")
    Long budget;

    @Option(
            names = "--background",
            paramLabel = "N",
            defaultValue = "40",
            description = "Benign clients around the attack (default: ${DEFAULT-VALUE}).")
    int background;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Simulation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Also write the report as JSON (exdetect.audit.v1) to FILE.")
    Path output;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description =
                    "Keep the simulated logs, ground truth and detector outputs here (default: a"
                            + " temporary folder, deleted).")
    Path workDir;

    @Mixin AttackTimingOption attackTiming;
    @Mixin ParallelismOption parallelism;
    @Mixin CorpusOption corpus;
    @Mixin DetectionOptions detection;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Family family = Family.byId(attack);
        if (!family.isAttack() || family == Family.PARAMETER_PROBING) {
            throw new IllegalArgumentException(
                    "--attack " + attack + " is not an attack family (see --help)");
        }
        long n = budget == null ? family.defaultBudget() : budget;
        if (n < 1 || background < 0) {
            throw new IllegalArgumentException(
                    "--budget must be at least 1 and --background at least 0");
        }
        Path work =
                workDir != null
                        ? Files.createDirectories(workDir)
                        : Files.createTempDirectory("exdetect-audit");
        try {
            Audit.Result result =
                    Audit.run(
                            new Audit.Settings(
                                    seed,
                                    family,
                                    n,
                                    background,
                                    corpus.load(),
                                    detection.rulePack(),
                                    detection.config(),
                                    parallelism.get(),
                                    work,
                                    attackTiming.get()),
                            new Progress(spec.commandLine().getErr(), "audit"));
            spec.commandLine().getOut().println();
            spec.commandLine().getOut().print(AuditReport.text(result));
            spec.commandLine().getOut().flush();
            if (output != null) {
                if (output.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(output.toAbsolutePath().getParent());
                }
                Files.writeString(
                        output,
                        AuditReport.json(result).toPrettyString() + "\n",
                        StandardCharsets.UTF_8);
            }
            return 0;
        } finally {
            if (workDir == null) {
                WorkDirs.delete(work);
            }
        }
    }
}
