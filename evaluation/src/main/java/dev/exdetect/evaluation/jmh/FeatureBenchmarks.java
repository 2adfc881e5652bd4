package dev.exdetect.evaluation.jmh;

import dev.exdetect.features.FeatureConfig;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.QueryInput;
import dev.exdetect.features.QueryObservation;
import dev.exdetect.features.engine.ClientFeatureState;
import dev.exdetect.features.engine.FeatureEngine;
import dev.exdetect.features.engine.QueryAnalyzer;
import dev.exdetect.features.family.CoverageFeatures;
import dev.exdetect.features.family.CoverageState;
import dev.exdetect.features.family.ResponseFeatures;
import dev.exdetect.features.family.ResponseState;
import dev.exdetect.features.family.TextFeatures;
import dev.exdetect.features.family.TextState;
import dev.exdetect.features.family.TimingFeatures;
import dev.exdetect.features.family.TimingState;
import dev.exdetect.features.family.VectorFeatures;
import dev.exdetect.features.family.VectorState;
import dev.exdetect.features.hash.Hashing;
import dev.exdetect.features.minhash.MinHasher;
import dev.exdetect.features.params.RequestParams;
import dev.exdetect.features.testing.SyntheticQueries;
import dev.exdetect.features.text.Shingles;
import dev.exdetect.features.text.TextAnalyzer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Per-event cost of feature extraction for one client sending 30-word prompts (with parameters)
 * and, for the vector family, 32-dimensional vectors with a labelled answer.
 *
 * <p>{@code baselineHashPrompt} (a 64-bit hash of the prompt's chars) and {@code luceneTokenize}
 * (Lucene analysis alone) are the baselines the others are reported against, measured in the same
 * run because the machine is noisy. Each call processes the next of 1024 pre-generated inputs, so
 * the state stays realistic (rings full, sketches filling) and nothing is constant-folded. The
 * family benchmarks update a warm state with pre-computed observations; {@code wholeUpdate30Words}
 * is what the job pays per request: analysis plus the keyed update.
 *
 * <p>Run: {@code java -jar evaluation/target/benchmarks.jar FeatureBenchmarks -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FeatureBenchmarks {
    private static final int INPUTS = 1024;
    private static final long T0 = 1_793_577_600_000L;

    private final FeatureConfig config = FeatureConfig.defaults();
    private final FeatureEngine engine = new FeatureEngine(config);
    private final TextFeatures textFeatures = new TextFeatures(config);
    private QueryAnalyzer analyzer;
    private TextAnalyzer tokenizer;

    private String[] prompts;
    private long[][] wordShingles;
    private long[][] charShingles;
    private QueryInput[] textInputs;
    private QueryObservation[] textObservations;
    private QueryObservation[] vectorObservations;

    private ClientFeatureState clientState;
    private TextState textState;
    private VectorState vectorState;
    private CoverageState coverageState;
    private TimingState timingState;
    private ResponseState responseState;
    private int next;
    private long clock;

    @Setup(Level.Trial)
    public void setUp() {
        analyzer = new QueryAnalyzer(config);
        tokenizer = new TextAnalyzer(config.maxAnalyzedChars());
        SyntheticQueries g = new SyntheticQueries(1, 5000);
        prompts = new String[INPUTS];
        textInputs = new QueryInput[INPUTS];
        textObservations = new QueryObservation[INPUTS];
        vectorObservations = new QueryObservation[INPUTS];
        wordShingles = new long[INPUTS][];
        charShingles = new long[INPUTS][];
        int[] count = new int[1];
        for (int i = 0; i < INPUTS; i++) {
            // A mix of fresh prompts and small edits of earlier ones, as a prober sends.
            prompts[i] = i % 4 == 3 ? g.edit(prompts[i - 1], 2) : g.prompt(30);
            QueryInput in = QueryInput.text(prompts[i]);
            in.paramsJson = "{\"logit_bias\":{\"" + (i % 50) + "\":100},\"max_tokens\":512}";
            in.outputConfidence = g.uniform();
            textInputs[i] = in;
            int words = tokenizer.analyze(prompts[i]);
            long[] w = Shingles.words(tokenizer.tokenHashes(), 0, words, 3, new long[64], count);
            wordShingles[i] = Arrays.copyOf(w, count[0]);
            long[] c =
                    Shingles.chars(
                            tokenizer.normalizedChars(),
                            tokenizer.normalizedLength(),
                            5,
                            new long[256],
                            count);
            charShingles[i] = Arrays.copyOf(c, count[0]);
            textObservations[i] = analyzer.observe(T0 + i * 1000L, in);
            QueryInput v = QueryInput.vector(g.gaussian(32));
            v.outputLabel = "class-" + g.nextInt(10);
            v.outputProbabilities = new double[] {g.uniform(), g.uniform(), g.uniform()};
            vectorObservations[i] = analyzer.observe(T0 + i * 1000L, v);
        }
        clientState = engine.newState();
        textState = textFeatures.newState();
        vectorState = VectorFeatures.newState();
        coverageState = CoverageFeatures.newState();
        timingState = TimingFeatures.newState();
        responseState = ResponseFeatures.newState();
        clock = T0;
        // Warm every state up to its steady size.
        for (int i = 0; i < 4 * INPUTS; i++) {
            step();
            engine.update(clientState, observation(textObservations));
            textFeatures.update(textState, observation(textObservations));
            VectorFeatures.update(vectorState, observation(vectorObservations));
            CoverageFeatures.update(coverageState, observation(textObservations).cell);
            TimingFeatures.update(timingState, clock);
            ResponseFeatures.update(responseState, observation(textObservations));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        analyzer.close();
        tokenizer.close();
    }

    private void step() {
        next = (next + 1) & (INPUTS - 1);
        clock += 500 + (next * 7919L) % 3000;
    }

    private QueryObservation observation(QueryObservation[] observations) {
        QueryObservation o = observations[next];
        o.timestampMillis = clock;
        return o;
    }

    @Benchmark
    public long baselineHashPrompt() {
        step();
        return Hashing.hashString(prompts[next]);
    }

    @Benchmark
    public int luceneTokenize() {
        step();
        return tokenizer.analyze(prompts[next]);
    }

    /** MinHash (64 hash functions) of a 30-word prompt's 28 word 3-shingles. */
    @Benchmark
    public byte[] wordMinHash() {
        step();
        return MinHasher.signature(wordShingles[next], wordShingles[next].length);
    }

    /** One-permutation MinHash of a 30-word prompt's character 5-shingles (about 200). */
    @Benchmark
    public byte[] charMinHash() {
        step();
        return MinHasher.onePermutationSignature(charShingles[next], charShingles[next].length);
    }

    /** Parsing the request parameters' canonical JSON (part of {@code analyzeRequest}). */
    @Benchmark
    public RequestParams parseParams() {
        step();
        return RequestParams.parse(textInputs[next].paramsJson);
    }

    /** Lucene analysis, word and character MinHash, keyword cell, parameter parsing. */
    @Benchmark
    public QueryObservation analyzeRequest() {
        step();
        return analyzer.observe(clock, textInputs[next]);
    }

    @Benchmark
    public TextState familyText() {
        step();
        textFeatures.update(textState, observation(textObservations));
        return textState;
    }

    @Benchmark
    public VectorState familyVector() {
        step();
        VectorFeatures.update(vectorState, observation(vectorObservations));
        return vectorState;
    }

    @Benchmark
    public CoverageState familyCoverage() {
        step();
        CoverageFeatures.update(coverageState, observation(textObservations).cell);
        return coverageState;
    }

    @Benchmark
    public TimingState familyTiming() {
        step();
        TimingFeatures.update(timingState, clock);
        return timingState;
    }

    @Benchmark
    public ResponseState familyResponse() {
        step();
        ResponseFeatures.update(responseState, observation(textObservations));
        return responseState;
    }

    /** Reading every feature from a warm state (what each update returns). */
    @Benchmark
    public FeatureVector snapshot() {
        step();
        return engine.snapshot(clientState, clock);
    }

    /** The keyed half: all families' updates plus the snapshot, for a pre-analysed request. */
    @Benchmark
    public FeatureVector engineUpdate() {
        step();
        return engine.update(clientState, observation(textObservations));
    }

    /** What the job pays per 30-word request: analysis, then the keyed update. */
    @Benchmark
    public FeatureVector wholeUpdate30Words() {
        step();
        QueryObservation obs = analyzer.observe(clock, textInputs[next]);
        return engine.update(clientState, obs);
    }
}
