package dev.exdetect.simulation.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exdetect.simulation.victim.VectorTask;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The material simulated clients draw their queries from: text pools by kind, and the vector task
 * (data set and victim model). Either built in (generated, so the project works without external
 * data) or read at run time from a data folder laid out like {@code ../shared/data} (see its
 * SOURCES.md); the files are never copied anywhere.
 *
 * @param source where the material comes from, for reports
 * @param questions short questions people ask, consecutive items tending to share a topic
 * @param instructions instruction-style requests people write for their own needs
 * @param seedTasks seed tasks of a self-instruct pipeline
 * @param extractionPrompts prompts collected to build a clone's training set
 * @param codePrompts code-generation prompts (one narrow capability)
 * @param vectors the numeric-vector API: data, splits and victim model
 */
public record Corpus(
        String source,
        List<String> questions,
        List<String> instructions,
        List<String> seedTasks,
        List<String> extractionPrompts,
        List<String> codePrompts,
        VectorTask vectors) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The files read from a data folder, relative to it. */
    public static final List<String> FILES =
            List.of(
                    "queries/trec_qc.jsonl",
                    "queries/stackoverflow_titles_a.jsonl",
                    "queries/self_instruct_user_oriented.jsonl",
                    "queries/self_instruct_seed_tasks.jsonl",
                    "queries/gpteacher_codegen.jsonl",
                    "queries/gpteacher_roleplay.jsonl",
                    "vectors/digits.csv.gz");

    /** The built-in corpus: generated texts and a synthetic vector task (built once, shared). */
    public static Corpus builtIn() {
        return BuiltIn.INSTANCE;
    }

    /** Lazy holder: generating the pools and training the victim costs a fraction of a second. */
    private static final class BuiltIn {
        static final Corpus INSTANCE =
                new Corpus(
                        "built-in",
                        BuiltInTexts.questions(),
                        BuiltInTexts.instructions(),
                        BuiltInTexts.seedTasks(),
                        BuiltInTexts.extractionPrompts(),
                        BuiltInTexts.codePrompts(),
                        VectorTask.synthetic());
    }

    /**
     * Reads a data folder: benign questions from TREC and Stack Overflow titles, benign
     * instructions from Self-Instruct's user-oriented set, its seed tasks, GPTeacher prompts as
     * extraction prompts (code generation also as the narrow capability), and the digits data set
     * for the vector API.
     *
     * @throws IllegalArgumentException naming the file that is missing or malformed
     */
    public static Corpus load(Path dir) throws IOException {
        for (String f : FILES) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new IllegalArgumentException(
                        "corpus folder "
                                + dir
                                + " lacks "
                                + f
                                + " (expected the layout of SOURCES.md)");
            }
        }
        List<String> questions = new ArrayList<>(texts(dir.resolve(FILES.get(0))));
        questions.addAll(texts(dir.resolve(FILES.get(1))));
        List<String> code = texts(dir.resolve(FILES.get(4)));
        List<String> extraction = new ArrayList<>(code);
        extraction.addAll(texts(dir.resolve(FILES.get(5))));
        return new Corpus(
                dir.toString(),
                List.copyOf(questions),
                texts(dir.resolve(FILES.get(2))),
                texts(dir.resolve(FILES.get(3))),
                List.copyOf(extraction),
                code,
                digits(dir.resolve(FILES.get(6))));
    }

    /** The {@code text} field of every line of a JSON-lines file, in file order. */
    static List<String> texts(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        int line = 0;
        for (String s : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            if (s.isBlank()) {
                continue;
            }
            JsonNode text;
            try {
                text = MAPPER.readTree(s).get("text");
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ":" + line + ": not valid JSON", e);
            }
            if (text == null || !text.isTextual() || text.asText().isBlank()) {
                throw new IllegalArgumentException(file + ":" + line + ": no \"text\" string");
            }
            out.add(text.asText());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + ": no records");
        }
        return List.copyOf(out);
    }

    /** The digits data set: gzipped CSV, 64 pixel values then the class on each line. */
    static VectorTask digits(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String s;
            int line = 0;
            while ((s = reader.readLine()) != null) {
                line++;
                if (s.isBlank()) {
                    continue;
                }
                String[] cells = s.split(",");
                if (cells.length != 65) {
                    throw new IllegalArgumentException(
                            file + ":" + line + ": expected 65 values, got " + cells.length);
                }
                double[] row = new double[64];
                try {
                    for (int j = 0; j < 64; j++) {
                        row[j] = Double.parseDouble(cells[j]);
                    }
                    labels.add(Integer.parseInt(cells[64].trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + line + ": not a number", e);
                }
                rows.add(row);
            }
        }
        return VectorTask.digits(
                rows.toArray(new double[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }
}
