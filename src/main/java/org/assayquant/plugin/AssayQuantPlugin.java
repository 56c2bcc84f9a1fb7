package org.assayquant.plugin;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ij.IJ;
import ij.Prefs;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import org.assayquant.commands.AssayCommand;
import org.assayquant.commands.CommandSpec;
import org.assayquant.commands.Commands;
import org.assayquant.commands.Options;
import org.assayquant.core.AssayException;
import org.assayquant.io.RunInfo;

/**
 * The ImageJ 1.x menu entry for every command (plugins.config passes the command name as the
 * argument). With macro options it reads them (no dialog: that also makes it work headless);
 * otherwise it shows a dialog built from the command's parameters, whose labels start with the
 * key, so ImageJ's recorder writes a run("...", "key=value ...") line that replays exactly.
 */
public class AssayQuantPlugin implements PlugIn {

    @Override
    public void run(String name) {
        if (name.equals("about")) {
            about();
            return;
        }
        CommandSpec spec = Commands.get(name);
        if (spec == null) {
            IJ.log("error: unknown AssayQuant command '" + name + "' (plugins.config and the plugin index disagree)");
            if (Macro.getOptions() != null) ij.macro.Interpreter.abort(); // Macro.abort() does not stop a -batch macro
            return;
        }
        AssayCommand cmd = spec.instantiate();
        String options = Macro.getOptions();
        boolean macro = options != null;
        try {
            if (macro) {
                spec.applyMacro(cmd, Options.parseMacro(options));
            } else if (GraphicsEnvironment.isHeadless()) {
                throw AssayException.invalid("running headless needs the parameters as macro options, e.g. run(\""
                        + Commands.label(name) + "\", \"" + spec.macroOptions(cmd) + "\")");
            } else if (!dialog(spec, cmd)) {
                return;
            }
            cmd.setActiveImage(WindowManager.getCurrentImage());
            spec.preflight(cmd);
            IJ.resetEscape(); // an Esc pressed before this run must not stop it
            cmd.run();
        } catch (AssayException e) {
            String msg = Commands.title(name) + ": " + e.getMessage();
            if (macro || GraphicsEnvironment.isHeadless()) {
                // a modal dialog would hang a batch macro: log, then stop the macro
                IJ.log("error: " + msg);
                // stops the calling macro (also in -batch mode); from another thread, since abort waits up to 2 s for
                // the macro's thread to end, which cannot happen while this thread is in the wait
                ij.macro.Interpreter macroRun = ij.macro.Interpreter.getInstance();
                Thread stop = new Thread(ij.macro.Interpreter::abort, "AssayQuant macro abort");
                stop.setDaemon(true);
                stop.start();
                for (int i = 0; i < 400 && macroRun != null && !macroRun.done(); i++) IJ.wait(5); // the macro is marked done
                throw new RuntimeException(Macro.MACRO_CANCELED);
            } else {
                IJ.error("AssayQuant", msg);
            }
        }
    }

    /**
     * The parameters dialog, opened with the values this person chose last time (ImageJ's Prefs;
     * a macro line always states its own). {@code overwrite} is never remembered: a run that may
     * write beside someone else's files is asked for each time. Returns false when cancelled.
     */
    static boolean dialog(CommandSpec spec, AssayCommand cmd) {
        return dialog(spec, cmd, Set.of(), true);
    }

    /** The dialog without the {@code skip} keys; {@code remember}: start from the last values and keep the new ones. */
    private static boolean dialog(CommandSpec spec, AssayCommand cmd, Set<String> skip, boolean remember) {
        for (CommandSpec.Param p : spec.params) {
            if (!remember) break;
            String saved = remembered(p) ? Prefs.get(prefKey(spec, p), null) : null;
            if (saved == null) continue;
            try {
                spec.set(cmd, p, spec.convert(p, saved));
            } catch (AssayException e) {
                // a value an older version saved that this one refuses: the default stays
            }
        }
        GenericDialog gd = new GenericDialog(Commands.title(spec.name) + (skip.isEmpty() ? "" : " (options for each image)"));
        String[] tables = openTables();
        Map<String, java.awt.TextField> texts = new HashMap<>();
        for (CommandSpec.Param p : spec.params) {
            if (p.hidden() || skip.contains(p.key())) continue;
            // the field's own label is the key (ImageJ records the first word of a label as the macro key);
            // the person reads the plain label with its unit, set on the label component afterwards
            String key = p.key();
            Object v = spec.get(cmd, p);
            Class<?> t = p.type();
            if (t == boolean.class) {
                gd.addCheckbox(key, (Boolean) v);
                ((java.awt.Checkbox) gd.getCheckboxes().lastElement()).setLabel(p.label());
                continue;
            }
            if (p.choices().length > 0) gd.addChoice(key, p.choices(), String.valueOf(v));
            else if (t == int.class) gd.addNumericField(key, (Integer) v, 0);
            else if (t == double.class) gd.addNumericField(key, (Double) v, 2);
            else if (p.style().equals("open")) gd.addFileField(key, (String) v);
            else if (p.style().equals("directory")) gd.addDirectoryField(key, (String) v);
            else gd.addStringField(key, (String) v, 20);
            if (gd.getLabel() != null) gd.getLabel().setText(p.label());
            if (gd.getStringFields() != null && !(t == int.class || t == double.class || p.choices().length > 0))
                texts.put(key, (java.awt.TextField) gd.getStringFields().lastElement());
            if (p.takesTable() && tables.length > 0) // under its field, at the right
                gd.addPanel(tableChoice(texts.get(key), tables), java.awt.GridBagConstraints.EAST, new java.awt.Insets(0, 0, 4, 0));
            if (key.equals("options") && texts.containsKey("command")) // a batch: the image command's own dialog fills its options
                gd.addButton("Options of the command...", e -> commandOptions(texts.get("command"), texts.get("options")));
        }
        StringBuilder help = new StringBuilder("<html><h3>" + Commands.title(spec.name) + "</h3><p>" + spec.description + "</p><ul>");
        for (CommandSpec.Param p : spec.params)
            if (!p.hidden()) help.append("<li><b>").append(p.label()).append("</b> (").append(p.key()).append("): ").append(p.description()).append("</li>");
        gd.addHelp(help.append("</ul></html>").toString());
        gd.showDialog();
        if (gd.wasCanceled()) return false;
        for (CommandSpec.Param p : spec.params) {
            if (p.hidden() || skip.contains(p.key())) continue;
            Class<?> t = p.type();
            String raw;
            if (p.choices().length > 0) raw = gd.getNextChoice();
            else if (t == boolean.class) raw = String.valueOf(gd.getNextBoolean());
            else if (t == int.class || t == double.class) raw = String.valueOf(gd.getNextNumber());
            else raw = gd.getNextString();
            spec.set(cmd, p, spec.convert(p, raw));
            if (remember && remembered(p)) Prefs.set(prefKey(spec, p), CommandSpec.format(spec.get(cmd, p)));
        }
        return true;
    }

    /**
     * The batch's button: the chosen image command's dialog (without image, out, overwrite), opened
     * with the options typed so far; its changed values become the options text, so the recorded
     * batch line states them (the nested dialog itself is not recorded).
     */
    private static void commandOptions(java.awt.TextField command, java.awt.TextField options) {
        CommandSpec sub = Commands.get(command.getText().trim());
        if (sub == null || sub.param("image") == null) {
            IJ.error("AssayQuant", "'" + command.getText().trim() + "' is not a command that analyses an image (blot, wells)");
            return;
        }
        AssayCommand cmd = sub.instantiate();
        Set<String> skip = Set.of("image", "out", "overwrite");
        try {
            sub.apply(cmd, Options.parseMacro(options.getText()));
        } catch (AssayException e) {
            IJ.error("AssayQuant", "options: " + e.getMessage());
            return;
        }
        ij.plugin.frame.Recorder.suspendRecording();
        try {
            if (dialog(sub, cmd, skip, false)) options.setText(sub.changedOptions(cmd, skip));
        } catch (AssayException e) {
            IJ.error("AssayQuant", e.getMessage());
        } finally {
            ij.plugin.frame.Recorder.resumeRecording();
        }
    }

    /**
     * Help > About Plugins > About AssayQuant: the version and the documentation of every command
     * (what it does, its menu entry and macro name, each key with its meaning), from the same
     * declarations as the dialogs and --help.
     */
    static void about() {
        if (GraphicsEnvironment.isHeadless()) {
            for (CommandSpec spec : Commands.all().values()) IJ.log(spec.help(Commands.menuPath(spec.name)));
            return;
        }
        StringBuilder h = new StringBuilder("<html><h2>AssayQuant " + RunInfo.version() + "</h2>"
                + "<p>Western blots, normalization and fold change, dose response, drug synergy and colony wells: every number with its inputs, "
                + "parameters and warnings (run.csv). Every command runs from its dialog, a macro line (the recorder writes it), headless Fiji "
                + "and the command line (<tt>java -jar assayquant-cli.jar &lt;command&gt; --help</tt>).</p>"
                + "<p><b>Correcting a result</b>: a blot run puts its lanes (L1, L2, ...) and bands (L3 R2: lane 3, row 2) in the ROI Manager, "
                + "a wells run its wells (B4). Move, resize, delete or add ROIs there and run the command again with <tt>lanes=roi</tt> "
                + "(wells: <tt>wells=roi</tt>): exactly those ROIs are measured. Each results table is the next command's input: "
                + "choose it in the dialog's table list.</p>");
        for (CommandSpec spec : Commands.all().values()) {
            h.append("<h3>").append(Commands.title(spec.name)).append("</h3><p>").append(spec.description)
                    .append(" (macro: <tt>run(\"").append(Commands.label(spec.name)).append("\", ...)</tt>; command line: <tt>")
                    .append(spec.name).append("</tt>)</p><ul>");
            for (CommandSpec.Param p : spec.params)
                if (!p.hidden()) h.append("<li><b>").append(p.label()).append("</b> (").append(p.key()).append("): ").append(p.description()).append("</li>");
            h.append("</ul>");
        }
        new ij.gui.HTMLDialog("About AssayQuant", h.append("</html>").toString(), false);
    }

    /** Titles of the open results tables (a blot's Bands table, a wells table, ...), the inputs the next command can take. */
    static String[] openTables() {
        List<String> titles = new ArrayList<>();
        for (java.awt.Window w : WindowManager.getAllNonImageWindows())
            if (w instanceof ij.text.TextWindow tw && tw.getResultsTable() != null) titles.add(tw.getTitle());
        return titles.toArray(new String[0]);
    }

    /** A dropdown of the open tables under a CSV field: choosing one writes its title into the field (and so into the recorded line). */
    private static java.awt.Panel tableChoice(java.awt.TextField field, String[] tables) {
        java.awt.Panel panel = new java.awt.Panel(new java.awt.FlowLayout(java.awt.FlowLayout.LEFT, 0, 0));
        java.awt.Choice choice = new java.awt.Choice();
        choice.add("or an open table...");
        for (String t : tables) choice.add(t);
        choice.addItemListener(e -> {
            if (choice.getSelectedIndex() > 0) field.setText(choice.getSelectedItem());
        });
        panel.add(choice);
        return panel;
    }

    private static boolean remembered(CommandSpec.Param p) {
        return !p.key().equals("overwrite");
    }

    private static String prefKey(CommandSpec spec, CommandSpec.Param p) {
        return "assayquant." + spec.name + "." + p.key();
    }
}
