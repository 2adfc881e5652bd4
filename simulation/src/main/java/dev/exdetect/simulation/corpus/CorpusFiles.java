package dev.exdetect.simulation.corpus;

import dev.exdetect.simulation.victim.VectorTask;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files of a data folder laid out like {@code ../shared/data}, read once each and kept, for
 * worlds that draw their pools from parts of them: text files by name ({@code trec_qc} is {@code
 * queries/trec_qc.jsonl}), sliced by position, and the vector data sets ({@code digits}, {@code
 * iris}, {@code wine}) with their trained victims. Read at run time, never copied.
 */
public final class CorpusFiles {
    /** The vector data sets a world's victim may be trained on. */
    public static final Set<String> VECTOR_DATA = Set.of("digits", "iris", "wine");

    private final Path dir;
    private final Map<String, List<String>> texts = new HashMap<>();
    private final Map<String, VectorTask> vectors = new HashMap<>();

    /** The files under {@code dir}. */
    public CorpusFiles(Path dir) {
        this.dir = dir;
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /**
     * The texts of {@code queries/NAME.jsonl} from {@code from} to {@code to} (shares of the file,
     * by position: consecutive items keep sharing a topic).
     *
     * @throws IllegalArgumentException naming the file when it is missing or malformed
     */
    public List<String> texts(String name, double from, double to) throws IOException {
        if (!(0 <= from && from < to && to <= 1)) {
            throw new IllegalArgumentException(
                    "a slice of " + name + " must satisfy 0 <= from < to <= 1");
        }
        List<String> all = texts.get(name);
        if (all == null) {
            Path file = dir.resolve("queries").resolve(name + ".jsonl");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(
                        "corpus folder " + dir + " has no queries/" + name + ".jsonl");
            }
            all = Corpus.texts(file);
            texts.put(name, all);
        }
        int a = (int) Math.floor(from * all.size());
        int b = (int) Math.floor(to * all.size());
        if (b <= a) {
            throw new IllegalArgumentException(
                    "the slice " + from + "-" + to + " of " + name + " holds no texts");
        }
        return all.subList(a, b);
    }

    /** The vector task of data set {@code name} ({@link #VECTOR_DATA}). */
    public VectorTask vectors(String name) throws IOException {
        VectorTask t = vectors.get(name);
        if (t != null) {
            return t;
        }
        t =
                switch (name) {
                    case "digits" -> Corpus.digits(existing("vectors/digits.csv.gz"));
                    case "iris" -> tabular("iris", existing("vectors/iris.csv"));
                    case "wine" -> tabular("wine", existing("vectors/wine_data.csv"));
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown vector data set '"
                                            + name
                                            + "'; expected one of "
                                            + String.join(
                                                    ", ", VECTOR_DATA.stream().sorted().toList()));
                };
        vectors.put(name, t);
        return t;
    }

    private Path existing(String relative) {
        Path p = dir.resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("corpus folder " + dir + " lacks " + relative);
        }
        return p;
    }

    /**
     * A scikit-learn CSV as shipped: a first line with row count, column count and class names,
     * then the features and the class index on each line.
     */
    static VectorTask tabular(String name, Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        String[] classes;
        int d;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String head = reader.readLine();
            if (head == null) {
                throw new IllegalArgumentException(file + ": empty");
            }
            String[] h = head.split(",");
            try {
                d = Integer.parseInt(h[1].trim());
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException(
                        file + ":1: expected row count, column count and class names", e);
            }
            classes = new String[h.length - 2];
            for (int c = 0; c < classes.length; c++) {
                classes[c] = h[c + 2].trim();
            }
            String s;
            int line = 1;
            while ((s = reader.readLine()) != null) {
                line++;
                if (s.isBlank()) {
                    continue;
                }
                String[] cells = s.split(",");
                if (cells.length != d + 1) {
                    throw new IllegalArgumentException(
                            file + ":" + line + ": expected " + (d + 1) + " values");
                }
                double[] row = new double[d];
                try {
                    for (int j = 0; j < d; j++) {
                        row[j] = Double.parseDouble(cells[j]);
                    }
                    int label = Integer.parseInt(cells[d].trim());
                    if (label < 0 || label >= classes.length) {
                        throw new IllegalArgumentException(
                                file + ":" + line + ": class " + label + " is not named");
                    }
                    labels.add(label);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + line + ": not a number", e);
                }
                rows.add(row);
            }
        }
        return VectorTask.tabular(
                name,
                rows.toArray(new double[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray(),
                classes);
    }
}
