package org.assayquant.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** run.csv: what was run on what, so a number can be traced (key,value rows). */
public final class RunInfo {
    private RunInfo() {}

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = RunInfo.class.getResourceAsStream("/assayquant.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // version stays unknown
        }
        return p.getProperty("version", "unknown");
    }

    public static String sha256(String path) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) return "";
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "";
        }
    }

    public static CsvTable table(String command, String input, Map<String, ?> parameters, Map<String, ?> results, List<String> notes) {
        CsvTable t = new CsvTable("key", "value");
        t.add("software", "AssayQuant " + version());
        t.add("command", command);
        t.add("input", input);
        t.add("input_sha256", sha256(input));
        parameters.forEach((k, v) -> t.add("parameter." + k, v));
        results.forEach((k, v) -> t.add("result." + k, v));
        for (String n : notes) t.add("warning", n);
        return t;
    }
}
