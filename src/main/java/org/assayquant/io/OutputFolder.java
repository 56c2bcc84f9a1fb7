package org.assayquant.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assayquant.core.AssayException;

/**
 * The one place outputs reach a user's disk (docs/reliability.md, "Output contract").
 *
 * <ul>
 * <li>{@code out=} is a new or empty folder, a folder AssayQuant wrote before (it holds the
 * manifest {@value #MANIFEST}, which lists every file AssayQuant wrote there with its size and
 * SHA-256), or, with {@code overwrite=true}, any folder. Anything else is refused before any work.
 * <li>A file AssayQuant did not write (not in the manifest, or changed since) is never deleted or
 * replaced; an output that would take its name is refused. Inputs are never outputs: paths are
 * compared after resolving links.
 * <li>All or nothing: everything is written into a staging folder beside {@code out} (same file
 * system, after resolving links) and moved in at {@link #commit}. A new folder appears by one
 * rename; a folder of only AssayQuant's earlier results is exchanged whole by two renames. A
 * folder that also holds a person's files is updated file by file around them. Both go under a
 * journal: on any failure, or on the next run after a kill, it puts the earlier results back. The earlier run's files that this run does not write are removed, so
 * results of two runs never mix.
 * <li>A lock beside {@code out} keeps two runs (processes or threads) from writing it at once;
 * the run that holds it first clears what killed runs left and says so.
 * </ul>
 *
 * Subfolders ({@link #folder}) let a run write through other writers (each step of an
 * experiment, each image of a batch) and still commit once. An OutputFolder whose target lies
 * inside another one's staging folder is private to that run: no lock, manifest or journal.
 */
public final class OutputFolder implements AutoCloseable {
    /** Something that writes one file's bytes. */
    public interface Content {
        void write(OutputStream out) throws IOException;
    }

    /**
     * The list of files AssayQuant wrote in an output folder: lines "size TAB sha256:hex TAB path". A
     * checksum, not a time, so that a person's edit is seen whatever the clock says, and the same
     * run gives the same bytes.
     */
    public static final String MANIFEST = ".assayquant-files";
    private static final String STAGING = "assayquant-staging-";
    /** A path component that is some OutputFolder's staging folder. */
    private static final Pattern STAGED = Pattern.compile("\\..*" + STAGING + "[0-9a-z]+");
    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime());

    private final Path target;
    private final boolean nested;
    private final Set<Path> inputs;
    private final Consumer<String> notes;
    private final Path work;    // the staging folder: out/ (the new results), old/ (what they replace), journal
    private final Path staged;  // work/out
    private final Lock lock;
    private final Map<String, Written> manifest; // what the earlier run wrote
    private final List<String> names = new ArrayList<>();
    private final List<String> folders = new ArrayList<>();
    private boolean committed;

    /** Tests only: called before each rename of a commit, to fail or "kill" a run at that step. */
    interface Fault {
        void at(String step) throws IOException;
    }

    static volatile Fault fault;

    /** {@code out} as given, refusing a folder of someone else's files; notes go nowhere. */
    public OutputFolder(Path out, Path... inputs) {
        this(out, false, note -> {}, inputs);
    }

    /**
     * @param overwrite allow a folder that holds files AssayQuant did not write (they stay untouched)
     * @param notes where to say what was cleaned up after an interrupted run
     * @param inputs every file the run reads: never replaced or removed
     */
    public OutputFolder(Path out, boolean overwrite, Consumer<String> notes, Path... inputs) {
        String key = "out=" + out;
        this.notes = notes;
        this.target = usable(out, key);
        this.nested = isStaged(target);
        Set<Path> in = new LinkedHashSet<>();
        for (Path p : inputs) if (p != null) in.add(real(p, "input " + p));
        this.inputs = in;
        for (Path p : this.inputs)
            if (p.equals(target) || target.startsWith(p) && Files.isRegularFile(p))
                throw AssayException.invalid(key + ": is the input " + p);
        Path place = workPlace(key);
        String prefix = place.equals(target) ? "." : "." + target.getFileName() + ".";
        this.lock = nested ? null : Lock.take(place.resolve(prefix + "assayquant-lock"), key);
        try {
            if (!nested) recover(place, prefix + STAGING);
            this.manifest = nested ? Map.of() : readManifest(target);
            if (!nested && !overwrite) refuseForeign(target, key);
            this.work = createStaging(place, prefix + STAGING);
            this.staged = Files.createDirectory(work.resolve("out"));
        } catch (IOException e) {
            if (lock != null) lock.release();
            throw AssayException.failed(key + ": cannot write there (" + describe(e) + ")");
        } catch (RuntimeException e) {
            if (lock != null) lock.release();
            throw e;
        }
    }

    /**
     * Refuses, before any work, an {@code out=} this contract will not write into: the root, a
     * file, a dangling link, a folder of someone else's files without {@code overwrite}. Creates
     * and locks nothing (the constructor checks again, under the lock).
     */
    public static void check(Path out, boolean overwrite) {
        String key = "out=" + out;
        Path target = usable(out, key);
        if (overwrite || isStaged(target)) return;
        try {
            refuseForeign(target, key);
        } catch (IOException e) {
            throw AssayException.failed(key + ": cannot read the folder (" + describe(e) + ")");
        }
    }

    private static Path usable(Path out, String key) {
        Path target = real(out, key);
        if (target.getParent() == null) throw AssayException.invalid(key + ": the root of a file system cannot be an output folder; give a folder below it");
        if (Files.exists(target) && !Files.isDirectory(target)) throw AssayException.invalid(key + ": exists and is not a folder");
        if (!Files.exists(target) && Files.isSymbolicLink(target)) throw AssayException.invalid(key + ": is a link to nothing (" + target + ")");
        for (Path a = target.getParent(); a != null; a = a.getParent())
            if (Files.exists(a) && !Files.isDirectory(a)) throw AssayException.invalid(key + ": " + a + " is a file, not a folder");
        return target;
    }

    /** The folder the outputs go to, links resolved. */
    public Path target() {
        return target;
    }

    /**
     * Where the outputs are until {@link #commit}: a path under it becomes the same path under
     * {@link #target()} (used to write the final paths into records made during the run).
     */
    public Path staging() {
        return staged;
    }

    /** Text (a run.csv, a message) with every staged path written as the path it has after commit. */
    public String finalPaths(String text) {
        return text == null ? "" : text.replace(staged.toString(), target.toString());
    }

    /** Rewrites a staged text file (a command's run.csv) with {@link #finalPaths}. */
    public void finalPathsIn(Path stagedFile) {
        try {
            if (!Files.isRegularFile(stagedFile)) return;
            String text = Files.readString(stagedFile, StandardCharsets.UTF_8);
            String fixed = finalPaths(text);
            if (!fixed.equals(text)) Files.writeString(stagedFile, fixed, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw AssayException.failed("cannot update " + stagedFile + ": " + describe(e));
        }
    }

    /**
     * A staged subfolder (one path segment) for another writer to fill; at commit its files join
     * the target's {@code name} folder. Created on demand: a subfolder nothing was written into is
     * left out.
     */
    public Path folder(String name) {
        plainName(name);
        if (names.contains(name) || folders.contains(name)) throw new IllegalArgumentException(name + " is staged twice");
        folders.add(name);
        return staged.resolve(name);
    }

    public void write(String name, Content content) {
        plainName(name);
        if (folders.contains(name)) throw new IllegalArgumentException(name + " is staged as a folder");
        Path dest = target.resolve(name);
        if (inputs.contains(dest)) throw AssayException.invalid("out=" + target + ": would overwrite the input " + dest);
        try (OutputStream os = Files.newOutputStream(staged.resolve(name))) {
            content.write(os);
        } catch (IOException e) {
            throw AssayException.failed("cannot write " + dest + ": " + describe(e));
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

    private static void plainName(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\"))
            throw new IllegalArgumentException("not a plain file or folder name: '" + name + "'");
    }

    /**
     * Moves the results into the target: all of them, or (on failure) none, with the target as it
     * was. Checks first, touching nothing, that no output replaces a file AssayQuant did not write
     * or an input, and that every folder to change is writable.
     */
    public void commit() {
        String key = "out=" + target;
        try {
            List<String> fresh = stagedFiles();
            Plan plan = plan(fresh, key);
            if (!nested) writeManifest(plan);
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE); // a new folder: one rename
            } else if (ownedWhole(plan)) {
                swapFolder(); // only AssayQuant's files: the folder is exchanged whole
            } else {
                swap(plan); // a person's files in it too: ours are exchanged file by file around them
                removeEmptyFolders(plan.removed);
            }
            committed = true;
        } catch (IOException e) {
            throw AssayException.failed(key + ": cannot write there (" + describe(e) + "); nothing was changed");
        }
    }

    /** What a commit does: the files to move in, the earlier ones to remove, the folders it creates. */
    private record Plan(List<String> fresh, List<String> removed, List<String> created) {}

    /** A file as AssayQuant wrote it. */
    private record Written(long size, String sha256) {}

    private Plan plan(List<String> fresh, String key) throws IOException {
        Set<String> freshSet = new TreeSet<>(fresh);
        List<String> removed = new ArrayList<>();
        Set<String> created = new TreeSet<>(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
        for (String f : fresh) {
            Path dest = target.resolve(f);
            if (inputs.contains(dest)) throw AssayException.invalid(key + ": would replace the input " + dest + "; choose another out=");
            if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS))
                    throw AssayException.invalid(key + ": " + f + " there is a folder; an output file cannot replace it");
                if (!manifest.containsKey(f))
                    throw AssayException.invalid(key + ": would replace " + dest + ", which AssayQuant did not write; move it away or choose another out=");
                if (!unchanged(dest, manifest.get(f)))
                    throw AssayException.invalid(key + ": would replace " + dest + ", which was changed after AssayQuant wrote it; move it away or choose another out=");
                writable(dest.getParent(), key);
            }
            for (Path d = dest.getParent(); !d.equals(target); d = d.getParent()) {
                if (Files.isSymbolicLink(d)) throw AssayException.invalid(key + ": " + d + " is a link; AssayQuant does not write through links inside its output folder");
                if (Files.exists(d) && !Files.isDirectory(d)) throw AssayException.invalid(key + ": " + d + " is a file where the output needs a folder");
                if (!Files.exists(d)) created.add(target.relativize(d).toString().replace('\\', '/'));
                else writable(d, key);
            }
        }
        if (Files.exists(target)) writable(target, key);
        for (Map.Entry<String, Written> e : manifest.entrySet()) {
            String f = e.getKey();
            if (freshSet.contains(f) || f.equals(MANIFEST)) continue;
            Path p = target.resolve(f);
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) continue;
            // the earlier run's file goes, unless it is read by this run or was changed by a person: then it is theirs
            if (inputs.contains(p) || !unchanged(p, e.getValue())) continue;
            writable(p.getParent(), key);
            removed.add(f);
        }
        return new Plan(fresh, removed, List.copyOf(created));
    }

    private static void writable(Path dir, String key) {
        if (!Files.isWritable(dir)) throw AssayException.failed(key + ": permission denied: cannot change " + dir + "; nothing was changed");
    }

    private static boolean unchanged(Path p, Written recorded) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        // RunInfo.sha256 gives "" for a file it cannot read: such a file never counts as unchanged, so it is kept
        return a.isRegularFile() && a.size() == recorded.size && RunInfo.sha256(p.toString()).equals(recorded.sha256) && !recorded.sha256.isEmpty();
    }

    /** Every staged file, relative, '/'-separated, sorted. */
    private List<String> stagedFiles() throws IOException {
        try (Stream<Path> s = Files.walk(staged)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> staged.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    private void writeManifest(Plan plan) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String f : plan.fresh) {
            Path p = staged.resolve(f);
            sb.append(Files.size(p)).append('\t').append(RunInfo.sha256(p.toString())).append('\t').append(escape(f)).append('\n');
        }
        Files.writeString(staged.resolve(MANIFEST), sb.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Whether the target holds nothing but the earlier run's files, all unchanged, none of them an
     * input, all replaced or removed now (and the staging folder is beside it): then it can be
     * exchanged as a whole, by two renames, rather than file by file.
     */
    private boolean ownedWhole(Plan plan) throws IOException {
        if (nested || !work.getParent().equals(target.getParent())) return false;
        for (Path in : inputs) if (in.startsWith(target)) return false;
        Set<String> ours = new java.util.HashSet<>(plan.removed);
        for (String f : plan.fresh) if (manifest.containsKey(f)) ours.add(f);
        ours.add(MANIFEST);
        try (Stream<Path> s = Files.walk(target)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.equals(target)) continue;
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String rel = target.relativize(p).toString().replace('\\', '/');
                if (a.isDirectory()) {
                    try (Stream<Path> d = Files.list(p)) {
                        if (d.findAny().isEmpty()) return false; // an empty folder is nobody's file, but not ours to drop either
                    }
                } else if (!a.isRegularFile() || !ours.contains(rel)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The folder exchanged whole: the earlier one moves aside into the staging folder, the new one
     * into its place. A kill between the two renames leaves no folder for an instant; the journal
     * lets the next run put the earlier one back.
     */
    private void swapFolder() throws IOException {
        journal("dir\t.\n");
        try {
            step("aside folder");
            Files.move(target, work.resolve("old-folder"), StandardCopyOption.ATOMIC_MOVE);
            step("in folder");
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            step("done");
            Files.move(work.resolve("journal"), work.resolve("journal.done"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            rollBack(work, target);
            throw e;
        }
    }

    /** Writes the journal and makes it durable before the first move. */
    private void journal(String text) throws IOException {
        Path tmp = work.resolve("journal.tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, work.resolve("journal"), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The journal-guarded update of an existing folder. The journal (written before the first
     * move) lists what moves; a crash at any point leaves a state {@link #rollBack} can undo from
     * it, because each step is one rename.
     */
    private void swap(Plan plan) throws IOException {
        List<String> in = new ArrayList<>(plan.fresh);
        if (!nested) in.add(MANIFEST);
        StringBuilder j = new StringBuilder();
        for (String f : in) j.append("new\t").append(escape(f)).append('\n');
        for (String f : plan.removed) j.append("old\t").append(escape(f)).append('\n');
        for (String d : plan.created) j.append("mkdir\t").append(escape(d)).append('\n');
        journal(j.toString());
        try {
            Path old = work.resolve("old");
            for (String f : plan.removed) aside(f, old);
            for (String f : in) {
                aside(f, old);
                Path dest = target.resolve(f);
                Files.createDirectories(dest.getParent());
                step("in " + f);
                move(staged.resolve(f), dest);
            }
            step("done");
            Files.move(work.resolve("journal"), work.resolve("journal.done"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            rollBack(work, target);
            throw e;
        }
    }

    private void aside(String f, Path old) throws IOException {
        Path p = target.resolve(f);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
        Path to = old.resolve(f);
        Files.createDirectories(to.getParent());
        step("aside " + f);
        move(p, to);
    }

    /**
     * Undoes a swap from its journal: the new files go back to staging, the earlier ones back into
     * place, folders the swap created are removed when empty. Also used on a killed run's staging.
     */
    private static void rollBack(Path work, Path target) throws IOException {
        Path journal = work.resolve("journal");
        if (!Files.exists(journal)) return;
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        if (!lines.isEmpty() && lines.get(0).startsWith("dir\t")) {
            Path old = work.resolve("old-folder");
            if (Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) Files.move(target, work.resolve("out"), StandardCopyOption.ATOMIC_MOVE);
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(journal, work.resolve("journal.undone"), StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        List<String> created = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        for (String line : lines) {
            int tab = line.indexOf('\t');
            if (tab < 0) continue;
            String kind = line.substring(0, tab), f = unescape(line.substring(tab + 1));
            if (kind.equals("mkdir")) created.add(f);
            else moved.add(f);
            if (kind.equals("new")) {
                Path back = work.resolve("out").resolve(f), dest = target.resolve(f);
                if (!Files.exists(back, LinkOption.NOFOLLOW_LINKS) && Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(back.getParent());
                    move(dest, back);
                }
            }
        }
        for (String f : moved) {
            Path aside = work.resolve("old").resolve(f);
            if (Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(target.resolve(f).getParent());
                move(aside, target.resolve(f));
            }
        }
        for (int i = created.size() - 1; i >= 0; i--) deleteIfEmpty(target.resolve(created.get(i)));
        Files.move(journal, work.resolve("journal.undone"), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The earlier run's folders that held only files now removed. */
    private void removeEmptyFolders(List<String> removed) {
        for (String f : removed)
            for (Path d = target.resolve(f).getParent(); d != null && !d.equals(target) && d.startsWith(target); d = d.getParent())
                if (!deleteIfEmpty(d)) break;
    }

    private static boolean deleteIfEmpty(Path dir) {
        try {
            return Files.deleteIfExists(dir);
        } catch (IOException e) {
            return false; // not empty, or not ours to change
        }
    }

    private static void step(String what) throws IOException {
        Fault f = fault;
        if (f != null) f.at(what);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Removes the staging folder (and, if commit never happened, everything staged), then the lock.
     * A swap cut short by an Error (out of memory in the middle of a commit) is rolled back first;
     * if even that fails the staging folder, which then holds the earlier results, is left for the
     * next run to put back.
     */
    @Override
    public void close() {
        boolean clean = true;
        try {
            rollBack(work, target);
        } catch (IOException | RuntimeException e) {
            clean = false;
        }
        if (clean) deleteTree(work);
        if (!committed) names.clear();
        if (lock != null) lock.release();
    }

    /** Tests only: what a killed process leaves (staging, journal, an unlocked lock file). */
    void abandon() {
        if (lock != null) lock.abandon();
    }

    // ---- where the staging folder goes, and what killed runs left there

    /** The folder that holds the lock and staging: beside the target, or inside it when only the target is writable. */
    private Path workPlace(String key) {
        Path parent = target.getParent();
        if (nested) return parent;
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw AssayException.failed(key + ": cannot create " + parent + " (" + describe(e) + ")");
        }
        if (Files.isWritable(parent)) return parent;
        if (Files.isDirectory(target) && Files.isWritable(target)) return target;
        throw AssayException.failed(key + ": permission denied: cannot create files in " + parent
                + (Files.isDirectory(target) ? " or in " + target : "") + "; choose a folder you can write to");
    }

    private void recover(Path place, String prefix) throws IOException {
        List<Path> left;
        try (Stream<Path> s = Files.list(place)) {
            left = s.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path w : left) {
            boolean undo = Files.exists(w.resolve("journal"));
            boolean unfinished = !undo && Files.exists(w.resolve("out")) && !Files.exists(w.resolve("journal.done"));
            rollBack(w, target);
            deleteTree(w);
            if (undo) notes.accept("an earlier run was interrupted while replacing the results in " + target + "; its earlier results were put back");
            else if (unfinished) notes.accept("removed the unfinished output of an interrupted run (" + w + ")");
        }
    }

    private static Path createStaging(Path parent, String prefix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return Files.createDirectory(parent.resolve(prefix + Long.toString(NEXT.getAndIncrement() & Long.MAX_VALUE, 36)));
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 1000) throw e;
            }
        }
    }

    private static boolean isStaged(Path p) {
        for (Path part : p) if (STAGED.matcher(part.toString()).matches()) return true;
        return false;
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(dir)) { // does not follow links: a link is removed, never what it points to
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: the next run retries
                }
            });
        } catch (IOException ignored) {
            // best effort, as above
        }
    }

    // ---- the manifest: which files AssayQuant wrote

    private static Map<String, Written> readManifest(Path target) throws IOException {
        Path m = target.resolve(MANIFEST);
        Map<String, Written> files = new LinkedHashMap<>();
        if (!Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS)) return files;
        for (String line : Files.readAllLines(m, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 3);
            if (f.length < 3) continue;
            try {
                files.put(unescape(f[2]), new Written(Long.parseLong(f[0]), f[1]));
            } catch (NumberFormatException ignored) {
                // a damaged line: that file is not known to be ours, so it is kept
            }
        }
        files.put(MANIFEST, new Written(-1, ""));
        return files;
    }

    /** Refuses a non-empty folder without a manifest: its files are someone else's. */
    private static void refuseForeign(Path target, String key) throws IOException {
        if (!Files.isDirectory(target) || Files.isRegularFile(target.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) return;
        List<String> foreign;
        try (Stream<Path> s = Files.list(target)) {
            foreign = s.map(p -> p.getFileName().toString())
                    .filter(n -> !(n.startsWith(".") && (n.contains(STAGING) || n.endsWith("assayquant-lock")))).sorted().toList();
        }
        if (foreign.isEmpty()) return;
        throw AssayException.invalid(key + ": the folder holds " + foreign.size() + " item" + (foreign.size() == 1 ? "" : "s")
                + " AssayQuant did not write (" + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
                + (foreign.size() > 3 ? ", ..." : "") + "); give a new or empty folder, or overwrite=true to add the results"
                + " beside them (files AssayQuant did not write are never replaced)");
    }

    private static String escape(String f) {
        return f.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A").replace("\r", "%0D");
    }

    private static String unescape(String f) {
        return f.replace("%0D", "\r").replace("%0A", "\n").replace("%09", "\t").replace("%25", "%");
    }

    // ---- paths and messages

    /** Absolute, normalized, every link resolved (of the part that exists). */
    static Path real(Path p, String key) {
        Path abs;
        try {
            abs = p.toAbsolutePath().normalize();
        } catch (java.io.IOError | SecurityException e) {
            throw AssayException.invalid(key + ": not a usable path (" + e.getMessage() + ")");
        }
        Path existing = abs;
        List<Path> rest = new ArrayList<>();
        while (existing != null && !Files.exists(existing)) {
            rest.add(0, existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) return abs;
        try {
            Path r = existing.toRealPath();
            for (Path part : rest) r = r.resolve(part);
            return r;
        } catch (IOException e) {
            return abs;
        }
    }

    /** The cause of an I/O failure in words a person acts on. */
    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException a) return "permission denied: " + a.getFile();
        if (e instanceof NoSuchFileException n) return "no such file or folder: " + n.getFile();
        if (e instanceof FileSystemException f) {
            String reason = Objects.requireNonNullElse(f.getReason(), "");
            String what = f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile());
            if (reason.toLowerCase(java.util.Locale.ROOT).contains("permission")) reason = "permission denied";
            return (reason.isEmpty() ? e.getClass().getSimpleName() : reason) + (what.isEmpty() ? "" : ": " + what);
        }
        return Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
    }

    /**
     * An exclusive lock on a file beside the output: an operating-system lock for other processes
     * (released by the OS if the process dies) and a set of held paths for this JVM. The set comes
     * first because POSIX releases a process's lock when any descriptor of the file is closed, so
     * this JVM must never open a lock file it holds a second time. The file is deleted on release;
     * a run that opened it just before would lock a file no longer at the path, so each run
     * writes its own token into the locked file and reads the path back (through a second channel
     * kept open while the lock is held): only the run that finds its token there holds the lock.
     */
    private record Lock(Path path, FileChannel channel, FileLock lock, FileChannel check) {
        private static final Set<Path> HELD = new java.util.HashSet<>();

        static Lock take(Path path, String key) {
            synchronized (HELD) {
                if (HELD.contains(path))
                    throw AssayException.failed(key + ": another AssayQuant run in this program is writing there now; wait for it to end, or choose another out=");
                Lock l = takeFile(path, key);
                HELD.add(path);
                return l;
            }
        }

        private static Lock takeFile(Path path, String key) {
            String token = ProcessHandle.current().pid() + " " + Long.toString(NEXT.getAndIncrement() & Long.MAX_VALUE, 36) + "\n";
            byte[] mine = token.getBytes(StandardCharsets.UTF_8);
            for (int attempt = 0; attempt < 20; attempt++) {
                FileChannel c = null, check = null;
                try {
                    c = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock l = c.tryLock();
                    if (l == null) {
                        c.close();
                        throw busy(path, key);
                    }
                    c.truncate(0);
                    c.write(java.nio.ByteBuffer.wrap(mine), 0);
                    c.force(false);
                    check = FileChannel.open(path, StandardOpenOption.READ);
                    java.nio.ByteBuffer there = java.nio.ByteBuffer.allocate(mine.length + 1);
                    while (check.read(there) > 0 && there.hasRemaining()) {
                        // read up to one byte more than the token
                    }
                    if (there.position() == mine.length && java.util.Arrays.equals(there.array(), 0, mine.length, mine, 0, mine.length))
                        return new Lock(path, c, l, check);
                    l.release();
                    close(check);
                    c.close();
                } catch (NoSuchFileException e) {
                    close(check); // deleted by the run that just released it: try again
                    close(c);
                } catch (OverlappingFileLockException e) {
                    close(c); // not reached: HELD keeps this JVM from locking twice
                    throw busy(path, key);
                } catch (IOException e) {
                    close(check);
                    close(c);
                    throw AssayException.failed(key + ": cannot create the lock " + path + " (" + describe(e) + ")");
                }
            }
            throw AssayException.failed(key + ": cannot lock " + path + " (it keeps changing)");
        }

        /** Held by another process; its id is in the file (read here: this process holds no lock on it). */
        private static AssayException busy(Path path, String key) {
            String holder = "";
            try {
                holder = Files.readString(path, StandardCharsets.UTF_8).split(" ")[0].trim();
            } catch (IOException | RuntimeException ignored) {
                // the holder's id is only for the message
            }
            return AssayException.failed(key + ": another AssayQuant run" + (holder.matches("\\d+") ? " (process " + holder + ")" : "")
                    + " is writing there now; wait for it to end, or choose another out=");
        }

        private static void close(FileChannel c) {
            try {
                if (c != null) c.close();
            } catch (IOException ignored) {
                // nothing to release
            }
        }

        void release() {
            synchronized (HELD) {
                try {
                    Files.deleteIfExists(path);
                    lock.release();
                } catch (IOException ignored) {
                    // the OS releases the lock when the process ends
                }
                close(check);
                close(channel);
                HELD.remove(path);
            }
        }

        /** Tests only: as if the process died (the OS lock goes; the file stays). */
        void abandon() {
            synchronized (HELD) {
                close(check);
                close(channel);
                HELD.remove(path);
            }
        }
    }
}
