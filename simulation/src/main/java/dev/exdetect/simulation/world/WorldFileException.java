package dev.exdetect.simulation.world;

/**
 * A world file that cannot be used, with where and why: {@code FILE:LINE:COLUMN: reason} (line and
 * column from 1; 0 when the problem is the file as a whole).
 */
public final class WorldFileException extends IllegalArgumentException {
    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    /** A problem at {@code line}:{@code column} of {@code file}. */
    public WorldFileException(String file, int line, int column, String reason) {
        super(file + ":" + line + ":" + column + ": " + reason);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** The world file. */
    public String file() {
        return file;
    }

    /** The line, from 1 (0: the whole file). */
    public int line() {
        return line;
    }

    /** The column, from 1 (0: the whole line or file). */
    public int column() {
        return column;
    }

    /** What is wrong, without the place. */
    public String reason() {
        return reason;
    }
}
