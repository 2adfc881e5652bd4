package dev.exdetect.job.launch;

import dev.exdetect.features.FeatureConfig;
import dev.exdetect.features.baseline.PopulationBaseline;
import dev.exdetect.features.linkage.LinkPolicy;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.output.AlertFormat;
import dev.exdetect.rules.model.RulePack;
import dev.exdetect.rules.parse.Durations;
import dev.exdetect.rules.parse.RuleFileException;
import dev.exdetect.rules.parse.RulePackParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options that change what the detector decides, shared by {@code run}, {@code replay} and
 * {@code demo}: live and replay agree only when they are given the same values.
 */
public class DetectionOptions {
    /** Rule file bundled in the jar, used when {@code --rules} is not given. */
    public static final String DEFAULT_RULES_RESOURCE = "/rules/default-rules.yaml";

    @Option(
            names = "--rules",
            paramLabel = "FILE",
            description =
                    "Rule file (YAML). Default: the bundled samples/rules/default-rules.yaml.")
    public Path rules;

    @Option(
            names = "--max-out-of-orderness",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "How late a record may arrive and still be processed in event-time order (default: ${DEFAULT-VALUE}).",
            defaultValue = "5s")
    public Duration maxOutOfOrderness;

    @Option(
            names = "--source-idleness",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "A silent source partition stops holding back event time after this (default: ${DEFAULT-VALUE}).",
            defaultValue = "30s")
    public Duration sourceIdleness;

    @Option(
            names = "--client-idle-ttl",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "Drop a client's state after this much event time without requests (default: ${DEFAULT-VALUE}).",
            defaultValue = "7d")
    public Duration clientIdleTtl;

    @Option(
            names = "--max-record-bytes",
            paramLabel = "N",
            description =
                    "Reject a request record larger than this many bytes before parsing it (default: ${DEFAULT-VALUE}, 8 MiB; at least 1024).",
            defaultValue = "8388608")
    public int maxRecordBytes;

    @Option(
            names = "--max-text-chars",
            paramLabel = "N",
            description =
                    "Cut input.text to this many chars, marking it as cut (default: ${DEFAULT-VALUE}).",
            defaultValue = "16384")
    public int maxTextChars;

    @Option(
            names = "--near-duplicate-threshold",
            paramLabel = "J",
            description =
                    "MinHash Jaccard estimate at or above which two queries are near-duplicates (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.7")
    public double nearDuplicateThreshold;

    @Option(
            names = "--template-min-words",
            paramLabel = "N",
            description =
                    "Leading words a prompt must share with the client's template prefix for the rest to count as its variable part; compared in blocks of 4 words (default: ${DEFAULT-VALUE}).",
            defaultValue = "8")
    public int templateMinWords;

    @Option(
            names = "--vector-cell-width",
            paramLabel = "W",
            description =
                    "Width, in input units, of the LSH buckets that define query-space cells of vector inputs (default: ${DEFAULT-VALUE}).",
            defaultValue = "4.0")
    public double vectorCellWidth;

    @Option(
            names = "--evidence-raw-text",
            description =
                    "Put the first 200 chars of sample inputs in alerts (default: off; hashes only, since prompts can hold personal data).")
    public boolean evidenceRawText;

    @Option(
            names = "--alert-format",
            paramLabel = "native|ocsf",
            converter = AlertFormatConverter.class,
            description =
                    "Alert format: native (exdetect.alert.v1) or ocsf (OCSF 1.5 Detection Finding, class 2004) (default: ${DEFAULT-VALUE}).",
            defaultValue = "native")
    public AlertFormat alertFormat;

    @Option(
            names = "--link-window",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "How long evidence that two accounts share an address, a parameter set, a template or a rare query counts towards linking them (default: ${DEFAULT-VALUE}).",
            defaultValue = "24h")
    public Duration linkWindow;

    @Option(
            names = "--no-linkage",
            description =
                    "Turn off cross-client linkage (clusters of accounts and cluster rules); per-client detection only.")
    public boolean noLinkage;

    @Option(
            names = "--population-baseline",
            paramLabel = "FILE",
            converter = PopulationBaselineConverter.class,
            description =
                    "Population baseline (written by the baseline command): alerts then show where each feature value falls among normal clients. Default: none (demo: the bundled one).")
    public PopulationBaseline populationBaseline;

    @Option(
            names = "--max-buffered-per-client",
            paramLabel = "N",
            description =
                    "Requests of one client that may wait for the watermark at once; beyond, a request is processed at once like a late one and counted as bufferOverflow (default: ${DEFAULT-VALUE}).",
            defaultValue = "10000")
    public int maxBufferedPerClient;

    /** The pipeline settings chosen. */
    public DetectorConfig config() {
        DetectorConfig defaults = DetectorConfig.defaults();
        LinkPolicy link = LinkPolicy.defaults();
        return new DetectorConfig(
                FeatureConfig.defaults()
                        .withNearDuplicateThreshold(nearDuplicateThreshold)
                        .withMinTemplateTokens(templateMinWords)
                        .withVectorCellWidth(vectorCellWidth),
                maxOutOfOrderness,
                sourceIdleness,
                clientIdleTtl,
                maxRecordBytes,
                maxTextChars,
                evidenceRawText,
                defaults.evidenceTextChars(),
                alertFormat,
                noLinkage
                        ? null
                        : new LinkPolicy(
                                linkWindow.toMillis(),
                                link.minStrength(),
                                link.minTimingSimilarity(),
                                link.probationMillis()),
                maxBufferedPerClient,
                populationBaseline);
    }

    /** The pipeline settings chosen, with {@code fallback} when no baseline was given. */
    public DetectorConfig configWithBaseline(PopulationBaseline fallback) {
        DetectorConfig config = config();
        return config.population() != null ? config : config.withPopulation(fallback);
    }

    /** The rule pack: {@code --rules}, or the bundled default. */
    public RulePack rulePack() throws RuleFileException {
        if (rules != null) {
            return RulePackParser.parseFile(rules);
        }
        return bundledRules();
    }

    /** The rule pack bundled in the jar. */
    public static RulePack bundledRules() throws RuleFileException {
        try (InputStream in = DetectionOptions.class.getResourceAsStream(DEFAULT_RULES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + DEFAULT_RULES_RESOURCE);
            }
            return RulePackParser.parsePack(
                    "default-rules.yaml (bundled)",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled rules", e);
        }
    }

    /** Reads a population baseline file; a missing or invalid file is refused with the reason. */
    public static final class PopulationBaselineConverter
            implements ITypeConverter<PopulationBaseline> {
        @Override
        public PopulationBaseline convert(String value) {
            String text;
            try {
                text = Files.readString(Path.of(value), StandardCharsets.UTF_8);
            } catch (FileSystemException e) {
                throw new TypeConversionException(CommandLines.describe(e));
            } catch (IOException e) {
                throw new TypeConversionException("cannot read " + value + ": " + e.getMessage());
            }
            try {
                return PopulationBaseline.fromJson(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(value + ": " + e.getMessage());
            }
        }
    }

    /** Reads {@code native} or {@code ocsf}. */
    public static final class AlertFormatConverter implements ITypeConverter<AlertFormat> {
        @Override
        public AlertFormat convert(String value) {
            try {
                return AlertFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Reads durations such as 30s, 15m, 7d or PT1H. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
