package dev.exdetect.cli;

import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.corpus.CorpusFiles;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --corpus DIR}: real queries and data from a data folder instead of the built-in ones. */
public class CorpusOption {
    @Option(
            names = "--corpus",
            paramLabel = "DIR",
            description =
                    "Draw queries and vector data from this folder (laid out like ../shared/data,"
                            + " see its SOURCES.md); default: built-in generators.")
    Path corpus;

    /** The corpus folder's files, read as worlds need them; null without {@code --corpus}. */
    public CorpusFiles files() {
        return corpus == null ? null : new CorpusFiles(corpus);
    }

    /** The corpus chosen. */
    public Corpus load() throws IOException {
        return corpus == null ? Corpus.builtIn() : Corpus.load(corpus);
    }
}
