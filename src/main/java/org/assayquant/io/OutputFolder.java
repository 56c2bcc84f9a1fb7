package org.assayquant.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.assayquant.core.AssayException;

/**
 * All-or-nothing output: files are written into a hidden staging folder beside the target and
 * moved into place only when every one of them is complete. A failure leaves the target folder
 * as it was. Input files are protected: an output never replaces one of them.
 */
public final class OutputFolder implements AutoCloseable {
    /** Something that writes one file's bytes. */
    public interface Content {
        void write(OutputStream out) throws IOException;
    }

    private final Path target;
    private final Path staging;
    private final List<Path> inputs;
    private final List<String> names = new ArrayList<>();
    private boolean committed;

    public OutputFolder(Path target, Path... inputs) {
        this.target = target.toAbsolutePath().normalize();
        this.inputs = Stream.of(inputs).map(p -> p.toAbsolutePath().normalize()).toList();
        if (Files.exists(this.target) && !Files.isDirectory(this.target))
            throw AssayException.invalid("out=" + target + ": exists and is not a folder");
        Path parent = this.target.getParent();
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + this.target.getFileName() + ".partial-");
        } catch (IOException | SecurityException e) {
            throw AssayException.invalid("out=" + target + ": cannot write there (" + e.getMessage() + ")");
        }
    }

    public void write(String name, Content content) {
        Path dest = target.resolve(name);
        if (inputs.contains(dest)) throw AssayException.invalid("out=" + target + ": would overwrite the input " + dest);
        try (OutputStream os = Files.newOutputStream(staging.resolve(name))) {
            content.write(os);
        } catch (IOException e) {
            throw AssayException.failed("cannot write " + dest + ": " + e.getMessage());
        }
        names.add(name);
    }

    public void write(String name, CsvTable table) {
        write(name, os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            table.write(w);
            w.flush();
        });
    }

    /**
     * Moves every staged file into the target folder. Files it replaces are first moved aside into
     * the staging folder; if any move fails, the new files are taken out again and the old ones put
     * back, so the folder holds either all new files or what it held before.
     */
    public void commit() {
        for (String n : names)
            if (Files.isDirectory(target.resolve(n)))
                throw AssayException.invalid("out=" + target + ": " + n + " there is a folder; an output file cannot replace it");
        boolean created = !Files.exists(target);
        Path aside = staging.resolve(".replaced");
        List<String> moved = new ArrayList<>();
        try {
            Files.createDirectories(target);
            for (String n : names) {
                Path dest = target.resolve(n);
                if (Files.exists(dest, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(aside);
                    move(dest, aside.resolve(n));
                }
                move(staging.resolve(n), dest);
                moved.add(n);
            }
            committed = true;
        } catch (IOException e) {
            rollBack(moved, aside, created);
            throw AssayException.failed("out=" + target + ": cannot write there (" + e.getMessage() + "); nothing was changed");
        }
    }

    private void rollBack(List<String> moved, Path aside, boolean created) {
        for (String n : moved) {
            try {
                Files.deleteIfExists(target.resolve(n));
            } catch (IOException ignored) {
                // best effort: the error reported to the user names the folder
            }
        }
        for (String n : names) {
            try {
                if (Files.exists(aside.resolve(n), java.nio.file.LinkOption.NOFOLLOW_LINKS)) move(aside.resolve(n), target.resolve(n));
            } catch (IOException ignored) {
                // best effort, as above
            }
        }
        if (created) target.toFile().delete(); // only if empty
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the staging folder (and, if commit never happened, everything staged). */
    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(staging)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // nothing was left to clean
        }
        if (!committed) names.clear();
    }
}
