package org.assayquant.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.assayquant.core.AssayException;

/**
 * All-or-nothing output: files are written into a hidden staging folder beside the target and
 * moved into place only when every one of them is complete. A failure leaves the target folder
 * as it was. Input files are protected: an output never replaces one of them.
 *
 * <p>Subfolders ({@link #folder}) let a run that writes many files through other writers (each
 * step of an experiment, each image of a batch, with their own OutputFolder inside) still commit
 * as one: the subfolder is staged like a file and, at commit, replaces the target's subfolder of
 * that name as a whole (no stale files of an earlier run survive in it).
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
    private final List<String> folders = new ArrayList<>();
    private boolean committed;

    public OutputFolder(Path target, Path... inputs) {
        this.target = target.toAbsolutePath().normalize();
        this.inputs = Stream.of(inputs).map(p -> p.toAbsolutePath().normalize()).toList();
        if (Files.exists(this.target) && !Files.isDirectory(this.target))
            throw AssayException.invalid("out=" + target + ": exists and is not a folder");
        Path parent = this.target.getParent();
        try {
            Files.createDirectories(parent);
            staging = createStaging(parent, "." + this.target.getFileName() + ".partial-");
        } catch (IOException | SecurityException e) {
            throw AssayException.invalid("out=" + target + ": cannot write there (" + e.getMessage() + ")");
        }
    }

    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime());

    /**
     * A new folder prefix + a unique suffix. Not Files.createTempDirectory: its SecureRandom names
     * load Java's security providers, ~30 ms of a command-line run. Creating a directory is atomic,
     * so a name another run took is simply skipped.
     */
    private static Path createStaging(Path parent, String prefix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return Files.createDirectory(parent.resolve(prefix + Long.toString(NEXT.getAndIncrement() & Long.MAX_VALUE, 36)));
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 1000) throw e;
            }
        }
    }

    /** The folder the outputs go to. */
    public Path target() {
        return target;
    }

    /**
     * Where the outputs are until {@link #commit}: a path under it becomes the same path under
     * {@link #target()} (used to write the final paths into records made during the run).
     */
    public Path staging() {
        return staging;
    }

    /** Text (a run.csv, a message) with every staged path written as the path it has after commit. */
    public String finalPaths(String text) {
        return text == null ? "" : text.replace(staging.toString(), target.toString());
    }

    /** Rewrites a staged text file (a command's run.csv) with {@link #finalPaths}. */
    public void finalPathsIn(Path stagedFile) {
        try {
            if (!Files.isRegularFile(stagedFile)) return;
            String text = Files.readString(stagedFile, StandardCharsets.UTF_8);
            String fixed = finalPaths(text);
            if (!fixed.equals(text)) Files.writeString(stagedFile, fixed, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw AssayException.failed("cannot update " + stagedFile + ": " + e.getMessage());
        }
    }

    /**
     * A staged subfolder (one path segment) for another writer to fill; at commit it replaces
     * {@code target/name}. Created on demand: a subfolder nothing was written into is left out.
     */
    public Path folder(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\"))
            throw new IllegalArgumentException("not a plain folder name: '" + name + "'");
        if (names.contains(name) || folders.contains(name)) throw new IllegalArgumentException(name + " is staged twice");
        Path dest = target.resolve(name);
        for (Path in : inputs)
            if (in.startsWith(dest)) throw AssayException.invalid("out=" + target + ": would replace the folder " + dest + " holding the input " + in);
        folders.add(name);
        return staging.resolve(name);
    }

    public void write(String name, Content content) {
        Path dest = target.resolve(name);
        if (folders.contains(name)) throw new IllegalArgumentException(name + " is staged as a folder");
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
            int replaced = 0;
            for (String n : folders) {
                Path src = staging.resolve(n), dest = target.resolve(n);
                if (!Files.exists(src)) continue;
                // the old subfolder goes aside into the staging folder, which close() removes
                if (Files.exists(dest, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.move(dest, staging.resolve(".replaced-" + replaced++));
                Files.move(src, dest);
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
