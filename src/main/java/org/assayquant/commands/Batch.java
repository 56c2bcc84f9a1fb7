package org.assayquant.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.assayquant.core.AssayException;
import org.assayquant.io.CsvReader;
import org.assayquant.io.CsvTable;
import org.assayquant.io.OutputFolder;
import org.assayquant.io.RunInfo;

/**
 * One image command (a command with an {@code image} key: blot, wells) run on every image of a
 * folder, each into its own subfolder named after the image. The images run in file-name order,
 * each on a fresh command, so a result never depends on the order the folder lists its files or
 * on the other images. An image that fails is recorded (batch.csv, failures.csv) and skipped; the
 * others go on. Used by the batch command and by the experiment's folder steps.
 */
public final class Batch {
    private Batch() {}

    /** The key that names an image command's input. */
    public static final String IMAGE_KEY = "image";
    static final List<String> EXTENSIONS = List.of(".tif", ".tiff", ".png", ".jpg", ".jpeg");

    /** An image and the subfolder its results go to. */
    public record Image(Path file, String folder) {
        public String fileName() {
            return file.getFileName().toString();
        }
    }

    /** {@code usage}: the image or the options were at fault (exit status 2 when every image fails so). */
    public record Failure(String image, String error, boolean usage) {}

    /** Per image: warnings with the image's file name in front. */
    public record Result(List<Image> images, List<Image> succeeded, List<Failure> failures, List<String> warnings) {}

    /** Called before each image (for progress) and with each log line of its command. */
    public interface Listener {
        void before(int index, int total, Image image);

        default void warning(Image image, String message) {}
    }

    /** True when {@code spec} is a folder or a folder/glob (the last segment holding * or ?). */
    public static boolean isFolderOrGlob(String spec, Path base) {
        if (isGlob(spec)) return true;
        try {
            return Files.isDirectory(base.resolve(spec));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static boolean isGlob(String spec) {
        String last = spec.substring(Math.max(spec.lastIndexOf('/'), spec.lastIndexOf('\\')) + 1);
        return last.indexOf('*') >= 0 || last.indexOf('?') >= 0;
    }

    /**
     * The images of a folder (every .tif, .tiff, .png, .jpg, .jpeg file) or of a glob such as
     * {@code blots/*_pAKT.tif}, relative to {@code base}, sorted by file name. Hidden files and
     * subfolders are skipped. {@code key} names the parameter in errors.
     */
    public static List<Image> images(String key, String spec, Path base) {
        String dirPart = spec, pattern = null;
        if (isGlob(spec)) {
            int cut = Math.max(spec.lastIndexOf('/'), spec.lastIndexOf('\\'));
            dirPart = cut < 0 ? "." : spec.substring(0, cut + 1);
            pattern = spec.substring(cut + 1);
        }
        Path dir;
        try {
            dir = base.resolve(dirPart).normalize();
        } catch (InvalidPathException e) {
            throw AssayException.invalid(key + "=" + spec + ": not a valid path (" + e.getReason() + ")");
        }
        if (!Files.isDirectory(dir)) throw AssayException.invalid(key + "=" + spec + ": no such folder " + dir);
        PathMatcher glob = pattern == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") || !Files.isRegularFile(p)) continue;
                if (glob != null ? glob.matches(p.getFileName()) : EXTENSIONS.stream().anyMatch(e -> n.toLowerCase(Locale.ROOT).endsWith(e)))
                    files.add(p);
            }
        } catch (IOException e) {
            throw AssayException.invalid(key + "=" + spec + ": cannot list " + dir + " (" + e.getMessage() + ")");
        }
        if (files.isEmpty())
            throw AssayException.invalid(key + "=" + spec + ": no images in " + dir
                    + (pattern == null ? " (expected .tif, .tiff, .png, .jpg or .jpeg files)" : " match " + pattern));
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        List<Image> out = new ArrayList<>();
        Map<String, Path> byFolder = new HashMap<>();
        for (Path f : files) {
            String n = f.getFileName().toString();
            String folder = folderName(n);
            Path other = byFolder.put(folder, f);
            if (other != null)
                throw AssayException.invalid(key + "=" + spec + ": " + other.getFileName() + " and " + n + " would share the output folder '"
                        + folder + "'; rename one or select one with a pattern such as *.tif");
            out.add(new Image(f, folder));
        }
        return out;
    }

    /** The subfolder of an image's results: its file name without extension. */
    static String folderName(String fileName) {
        String n = fileName;
        int dot = n.lastIndexOf('.');
        String folder = dot > 0 ? n.substring(0, dot) : n;
        // the batch's own files (batch.csv, the combined bands.csv, ...) sit beside the image folders:
        // an image named bands.csv.tif gets the folder bands.csv_tif, not one a table will want
        if (folder.matches("(?i).*\\.(csv|png|html|zip)")) folder = n.substring(0, dot) + "_" + n.substring(dot + 1);
        return folder;
    }

    /**
     * Runs the command on every image with the given options (every key but image and out) into
     * {@code o.folder(image folder)}, then writes into {@code o}: batch.csv (every image, its
     * checksum and status), failures.csv, and for each table the images wrote (bar run.csv) one
     * combined table with the image's file name in an {@code image} column. Does not commit.
     */
    public static Result run(CommandSpec spec, Map<String, String> options, List<Image> images, OutputFolder o, Listener listener) {
        return run(images, o, listener, inProcess(spec, options, true));
    }

    /**
     * What makes one image's files: runs it into {@code dir} (a staged folder), passing the
     * command's log lines on, and throws as the command does when the image fails.
     */
    public interface Runner {
        void run(Image image, Path dir, Consumer<String> log);
    }

    /**
     * The command run in this process on a fresh instance, not interactive, with the given options
     * (every key but image and out); {@code checkKind} for the images of a folder, which may mix
     * blots and plate photos (each must be the command's kind), not for an image a person named.
     */
    public static Runner inProcess(CommandSpec spec, Map<String, String> options, boolean checkKind) {
        return (im, dir, log) -> {
            AssayCommand cmd = spec.instantiate();
            cmd.setInteractive(false);
            cmd.setCheckKind(checkKind);
            cmd.setLog(log::accept);
            spec.apply(cmd, options);
            spec.set(cmd, spec.param(IMAGE_KEY), im.file().toString());
            spec.set(cmd, spec.param("out"), dir.toString());
            cmd.run();
        };
    }

    static final String OUT_OF_MEMORY = "out of memory (give Java more with -Xmx)";

    /** One image through {@code runner}: null when it worked, else its failure (the message as thrown, paths not yet made final). */
    static Failure attempt(Runner runner, Image im, Path dir, Consumer<String> log) {
        try {
            runner.run(im, dir, log);
            return null;
        } catch (AssayException e) {
            return new Failure(im.fileName(), e.getMessage(), e.usage);
        } catch (OutOfMemoryError e) {
            return new Failure(im.fileName(), OUT_OF_MEMORY, false);
        } catch (RuntimeException e) {
            return new Failure(im.fileName(), "internal failure: " + e, false);
        }
    }

    /** As {@link #run(CommandSpec, Map, List, OutputFolder, Listener)}, each image's files made by {@code runner}. */
    public static Result run(List<Image> images, OutputFolder o, Listener listener, Runner runner) {
        List<Image> ok = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<Image, String> status = new LinkedHashMap<>();
        for (int i = 0; i < images.size(); i++) {
            Image im = images.get(i);
            listener.before(i, images.size(), im);
            Path dir = o.folder(im.folder());
            List<String> notes = new ArrayList<>();
            Failure failed = attempt(runner, im, dir, notes::add);
            if (failed != null) {
                String msg = o.finalPaths(failed.error());
                failures.add(new Failure(failed.image(), msg, failed.usage()));
                status.put(im, msg.equals(OUT_OF_MEMORY) ? "out of memory" : msg);
                continue;
            }
            ok.add(im);
            status.put(im, "");
            o.finalPathsIn(dir.resolve("run.csv")); // the command wrote it while its folder was staged
            for (String n : notes) {
                String w = o.finalPaths(n.startsWith("warning: ") ? n.substring("warning: ".length()) : n);
                warnings.add(im.fileName() + ": " + w);
                listener.warning(im, w);
            }
        }
        CsvTable batch = new CsvTable("image", "folder", "status", "sha256", "error");
        for (Map.Entry<Image, String> e : status.entrySet()) {
            boolean good = e.getValue().isEmpty();
            batch.add(e.getKey().fileName(), good ? e.getKey().folder() : "", good ? "ok" : "failed", RunInfo.sha256(e.getKey().file().toString()), e.getValue());
        }
        o.write("batch.csv", batch);
        CsvTable failed = new CsvTable("image", "error");
        for (Failure f : failures) failed.add(f.image(), f.error());
        o.write("failures.csv", failed);
        combine(o, ok, warnings);
        return new Result(List.copyOf(images), List.copyOf(ok), List.copyOf(failures), List.copyOf(warnings));
    }

    /** One table per CSV name the images wrote (same header in each), rows in image order. */
    private static void combine(OutputFolder o, List<Image> ok, List<String> warnings) {
        Map<String, List<Image>> byName = new TreeMap<>();
        for (Image im : ok) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(o.staging().resolve(im.folder()), "*.csv")) {
                for (Path p : ds) {
                    String n = p.getFileName().toString();
                    if (!n.equals("run.csv")) byName.computeIfAbsent(n, k -> new ArrayList<>()).add(im);
                }
            } catch (IOException e) {
                throw AssayException.failed("cannot read back " + im.folder() + ": " + e.getMessage());
            }
        }
        for (Map.Entry<String, List<Image>> e : byName.entrySet()) {
            String name = e.getKey();
            if (name.equals("batch.csv") || name.equals("failures.csv")) continue;
            List<String> header = null;
            List<String[]> rows = new ArrayList<>();
            boolean consistent = true;
            for (Image im : e.getValue()) {
                CsvReader t;
                try {
                    t = CsvReader.parse(im.folder() + "/" + name, Files.readString(o.staging().resolve(im.folder()).resolve(name), StandardCharsets.UTF_8));
                } catch (IOException ex) {
                    throw AssayException.failed("cannot read back " + im.folder() + "/" + name + ": " + ex.getMessage());
                }
                List<String> h = new ArrayList<>(t.header());
                boolean hasImage = h.stream().anyMatch(c -> c.equalsIgnoreCase("image"));
                if (!hasImage) h.add(0, "image");
                if (header == null) header = h;
                else if (!header.equals(h)) {
                    consistent = false;
                    break;
                }
                for (int r = 0; r < t.size(); r++) {
                    String[] row = new String[h.size()];
                    for (int c = 0; c < h.size(); c++) row[c] = !hasImage && c == 0 ? im.fileName() : t.text(r, h.get(c));
                    rows.add(row);
                }
            }
            if (!consistent) {
                warnings.add(name + ": not combined across images (their columns differ); see each image's folder");
                continue;
            }
            CsvTable all = new CsvTable(header.toArray(new String[0]));
            for (String[] r : rows) all.add((Object[]) r);
            o.write(name, all);
        }
    }

    /** "2 of 5 images failed" with the first failure, for the one error line. */
    public static String failureSummary(Result r) {
        Failure f = r.failures().get(0);
        return r.failures().size() + " of " + r.images().size() + " images failed and were skipped (first: " + f.image() + ": " + f.error() + ")";
    }
}
