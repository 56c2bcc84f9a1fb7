package org.assayquant.commands;

import java.util.LinkedHashMap;
import java.util.Map;

import org.assayquant.core.AssayException;

/**
 * key=value options as ImageJ macros write them ({@code image=[/a b/c.tif] lanes=6 debug}) and
 * as the command line passes them (one key=value per argument). A bare key means true.
 */
public final class Options {
    private Options() {}

    /** Parses a macro options string. */
    public static Map<String, String> parseMacro(String options) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0, n = options.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(options.charAt(i))) i++;
            if (i >= n) break;
            int k = i;
            while (i < n && options.charAt(i) != '=' && !Character.isWhitespace(options.charAt(i))) i++;
            String key = options.substring(k, i);
            String value = "true";
            if (i < n && options.charAt(i) == '=') {
                i++;
                if (i < n && options.charAt(i) == '[') {
                    // brackets inside a value (a path like /data/[2024] blot.tif) nest, as in ImageJ
                    int close = -1, depth = 0;
                    for (int j = i; j < n && close < 0; j++) {
                        char c = options.charAt(j);
                        if (c == '[') depth++;
                        else if (c == ']' && --depth == 0) close = j;
                    }
                    if (close < 0) throw AssayException.invalid(key + "=" + options.substring(i) + ": missing closing ']'");
                    value = options.substring(i + 1, close);
                    i = close + 1;
                } else {
                    int v = i;
                    while (i < n && !Character.isWhitespace(options.charAt(i))) i++;
                    value = options.substring(v, i);
                }
            }
            put(out, key, value);
        }
        return out;
    }

    /** Parses command-line arguments, each one key=value (the value may be written [..]). */
    public static Map<String, String> parseArgs(String[] args, int from) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            if (eq <= 0) throw AssayException.invalid("argument '" + a + "': expected key=value");
            String v = a.substring(eq + 1);
            if (v.length() >= 2 && v.startsWith("[") && v.endsWith("]")) v = v.substring(1, v.length() - 1);
            put(out, a.substring(0, eq), v);
        }
        return out;
    }

    private static void put(Map<String, String> out, String key, String value) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        if (out.containsKey(k)) throw AssayException.invalid("key '" + k + "' is given twice");
        out.put(k, value);
    }

    /** Formats one value the way ImageJ's recorder does (brackets around values with spaces). */
    public static String format(String key, String value) {
        return key + "=" + (value.isEmpty() || value.indexOf(' ') >= 0 || value.indexOf(']') >= 0 ? "[" + value + "]" : value);
    }
}
