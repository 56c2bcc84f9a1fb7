package org.assayquant.commands;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.assayquant.core.AssayException;
import org.assayquant.io.OutputFolder;
import org.scijava.ItemIO;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * A command's parameters, read once from its SciJava {@code @Parameter} fields: the single
 * declaration behind the Fiji dialog, macro keys, the command line and its --help. The field
 * name is the key (snake_case, since ImageJ lowercases macro keys); the field initializer is the
 * default.
 */
public final class CommandSpec {
    /** One input parameter. */
    public record Param(Field field, String key, String label, String description, String[] choices, String style,
                        String min, String max, boolean required, Object defaultValue, boolean hidden) {
        public Class<?> type() { return field.getType(); }

        /** A CSV input that also takes an open Fiji table by title (its label says so: "... (CSV or open table)"). */
        public boolean takesTable() {
            return label.contains("open table");
        }
    }

    public final Class<? extends AssayCommand> type;
    public final String name;
    public final String description;
    public final List<Param> params;

    public CommandSpec(Class<? extends AssayCommand> type) {
        this.type = type;
        Plugin p = type.getAnnotation(Plugin.class);
        this.name = p.name();
        this.description = p.description();
        AssayCommand defaults = instantiate();
        List<Param> ps = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            Parameter a = f.getAnnotation(Parameter.class);
            if (a == null || a.type() != ItemIO.INPUT || Modifier.isStatic(f.getModifiers())) continue;
            f.setAccessible(true);
            Object def;
            try {
                def = f.get(defaults);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            // INVISIBLE: a key for scripts and workflows, not shown in a dialog (macros and the command line still take it)
            ps.add(new Param(f, f.getName(), a.label().isEmpty() ? f.getName() : a.label(), a.description(), a.choices(), a.style(), a.min(), a.max(), a.required(), def,
                    a.visibility() == org.scijava.ItemVisibility.INVISIBLE));
        }
        this.params = List.copyOf(ps);
    }

    public AssayCommand instantiate() {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
    }

    public Param param(String key) {
        return params.stream().filter(p -> p.key.equals(key)).findFirst().orElse(null);
    }

    /** Sets the given keys on a command; unknown keys and malformed values are refused. */
    public void apply(AssayCommand cmd, Map<String, String> values) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            Param p = param(e.getKey());
            if (p == null)
                throw AssayException.invalid("unknown key '" + e.getKey() + "' for " + name + "; expected one of: "
                        + params.stream().map(Param::key).collect(Collectors.joining(", ")));
            set(cmd, p, convert(p, e.getValue()));
        }
    }

    /**
     * Sets the keys of a macro options string. As in ImageJ, a checkbox key that is absent means
     * false (the recorder writes only the checked ones).
     */
    public void applyMacro(AssayCommand cmd, Map<String, String> values) {
        for (Param p : params) if (p.type() == boolean.class && !values.containsKey(p.key)) set(cmd, p, false);
        apply(cmd, values);
    }

    public void set(AssayCommand cmd, Param p, Object value) {
        try {
            p.field.set(cmd, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    public Object get(AssayCommand cmd, Param p) {
        try {
            return p.field.get(cmd);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    public Object convert(Param p, String raw) {
        String v = raw.trim();
        Class<?> t = p.type();
        String what = p.key + "=" + raw + ": ";
        if (t == String.class) {
            if (p.choices.length > 0 && !Arrays.asList(p.choices).contains(v))
                throw AssayException.invalid(what + "expected one of " + String.join(", ", p.choices));
            return v;
        }
        if (t == boolean.class || t == Boolean.class) {
            if (v.equalsIgnoreCase("true")) return true;
            if (v.equalsIgnoreCase("false")) return false;
            throw AssayException.invalid(what + "expected true or false");
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw AssayException.invalid(what + "expected a number");
        }
        if (!Double.isFinite(d)) throw AssayException.invalid(what + "expected a finite number");
        if (!p.min.isEmpty() && d < Double.parseDouble(p.min)) throw AssayException.invalid(what + "expected at least " + p.min);
        if (!p.max.isEmpty() && d > Double.parseDouble(p.max)) throw AssayException.invalid(what + "expected at most " + p.max);
        if (t == int.class || t == Integer.class) {
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw AssayException.invalid(what + "expected a whole number");
            return (int) d;
        }
        if (t == double.class || t == Double.class) return d;
        throw new IllegalStateException("unsupported parameter type " + t + " of " + p.key);
    }

    /**
     * Checks, before the command runs, what can be checked without its work: the output folder
     * (io/OutputFolder's contract), so that a long analysis is not lost to a refusal at the end.
     */
    public void preflight(AssayCommand cmd) {
        Param out = param("out"), overwrite = param("overwrite");
        if (out == null || overwrite == null) return;
        String dir = String.valueOf(get(cmd, out)).trim();
        if (dir.isEmpty()) return;
        try {
            OutputFolder.check(Path.of(dir), (Boolean) get(cmd, overwrite));
        } catch (InvalidPathException e) {
            throw AssayException.invalid("out=" + dir + ": not a usable folder name (" + e.getReason() + ")");
        }
    }

    /** Current values by key, in declaration order. */
    public Map<String, Object> values(AssayCommand cmd) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Param p : params) m.put(p.key, get(cmd, p));
        return m;
    }

    /** The macro options string that replays the command's current values (as ImageJ records them). */
    public String macroOptions(AssayCommand cmd) {
        List<String> parts = new ArrayList<>();
        for (Param p : params) {
            Object v = get(cmd, p);
            if (v instanceof Boolean b) {
                if (b) parts.add(p.key);
            } else {
                parts.add(Options.format(p.key, format(v)));
            }
        }
        return String.join(" ", parts);
    }

    /**
     * The options that differ from the defaults, in macro syntax, leaving out {@code skip} (what a
     * batch sets itself): the text of a batch's {@code options} key for this command's values.
     */
    public String changedOptions(AssayCommand cmd, Set<String> skip) {
        List<String> parts = new ArrayList<>();
        for (Param p : params) {
            if (skip.contains(p.key)) continue;
            Object v = get(cmd, p);
            if (!Objects.equals(v, p.defaultValue)) parts.add(Options.format(p.key, format(v)));
        }
        return String.join(" ", parts);
    }

    /** A value as a macro option writes it (whole numbers without ".0"). */
    public static String format(Object v) {
        if (v instanceof Double d) return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : String.format(Locale.ROOT, "%s", d);
        return String.valueOf(v);
    }

    /** The text of {@code <command> --help}. */
    public String help(String menuPath) {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(" - ").append(description).append('\n');
        if (menuPath != null) sb.append("Fiji menu: ").append(menuPath).append('\n');
        sb.append("\nkeys (key=value):\n");
        for (Param p : params) {
            String def = p.defaultValue == null ? "" : format(p.defaultValue);
            sb.append(String.format(Locale.ROOT, "  %-18s %s%s%n", p.key,
                    p.required ? "(required) " : "default " + (def.isEmpty() ? "(empty)" : def) + ". ",
                    p.description + (p.choices.length > 0 ? " One of: " + String.join(", ", p.choices) + "." : "")));
        }
        sb.append("  debug              default false. Print a stack trace on failure (command line only).\n");
        return sb.toString();
    }
}
