package dev.exdetect.simulation.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a data folder laid out like ../shared/data (small files written here). */
class CorpusTest {
    @TempDir Path dir;

    private void writeQueries(String file, String... texts) throws Exception {
        StringBuilder s = new StringBuilder();
        for (String t : texts) {
            s.append("{\"id\":\"x\",\"text\":\"").append(t).append("\",\"role\":\"benign\"}\n");
        }
        Files.createDirectories(dir.resolve("queries"));
        Files.writeString(dir.resolve("queries").resolve(file), s, StandardCharsets.UTF_8);
    }

    private void writeFolder() throws Exception {
        writeQueries("trec_qc.jsonl", "What is a comet ?", "Who wrote Hamlet ?");
        writeQueries("stackoverflow_titles_a.jsonl", "How do I sort a map by value?");
        writeQueries("self_instruct_user_oriented.jsonl", "Rewrite this email politely.");
        writeQueries("self_instruct_seed_tasks.jsonl", "List three fruits.");
        writeQueries("gpteacher_codegen.jsonl", "Write a Python function that adds.");
        writeQueries("gpteacher_roleplay.jsonl", "You are a pirate. Greet me.");
        Files.createDirectories(dir.resolve("vectors"));
        try (OutputStream out =
                new GZIPOutputStream(Files.newOutputStream(dir.resolve("vectors/digits.csv.gz")))) {
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                int label = i % 10;
                for (int j = 0; j < 64; j++) {
                    rows.append(j == label ? 16 : (i * j) % 3).append(',');
                }
                rows.append(label).append('\n');
            }
            out.write(rows.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsEveryPoolFromTheFolder() throws Exception {
        writeFolder();
        Corpus c = Corpus.load(dir);
        assertThat(c.questions())
                .containsExactly(
                        "What is a comet ?", "Who wrote Hamlet ?", "How do I sort a map by value?");
        assertThat(c.instructions()).containsExactly("Rewrite this email politely.");
        assertThat(c.seedTasks()).containsExactly("List three fruits.");
        assertThat(c.extractionPrompts())
                .containsExactly(
                        "Write a Python function that adds.", "You are a pirate. Greet me.");
        assertThat(c.codePrompts()).containsExactly("Write a Python function that adds.");
        assertThat(c.vectors().name()).isEqualTo("digits");
        assertThat(c.vectors().features()).isEqualTo(64);
        assertThat(c.vectors().classes()).isEqualTo(10);
        assertThat(c.source()).isEqualTo(dir.toString());
    }

    @Test
    void namesTheMissingFileOrTheBadLine() throws Exception {
        writeFolder();
        Files.delete(dir.resolve("queries/gpteacher_roleplay.jsonl"));
        assertThatThrownBy(() -> Corpus.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queries/gpteacher_roleplay.jsonl");

        writeQueries("gpteacher_roleplay.jsonl", "ok");
        Files.writeString(
                dir.resolve("queries/trec_qc.jsonl"),
                "{\"text\":\"fine\"}\n{\"id\":1}\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Corpus.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trec_qc.jsonl:2")
                .hasMessageContaining("text");
    }

    @Test
    void theBuiltInCorpusHasEveryPoolWithoutRepeats() {
        Corpus c = Corpus.builtIn();
        for (List<String> pool :
                List.of(
                        c.questions(),
                        c.instructions(),
                        c.seedTasks(),
                        c.extractionPrompts(),
                        c.codePrompts())) {
            assertThat(pool).isNotEmpty().doesNotHaveDuplicates();
        }
        assertThat(c.questions()).hasSizeGreaterThan(3000);
        assertThat(c.extractionPrompts()).hasSizeGreaterThan(5000);
    }
}
