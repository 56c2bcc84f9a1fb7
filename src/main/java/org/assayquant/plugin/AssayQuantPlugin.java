package org.assayquant.plugin;

import java.awt.GraphicsEnvironment;

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

/**
 * The ImageJ 1.x menu entry for every command (plugins.config passes the command name as the
 * argument). With macro options it reads them (no dialog: that also makes it work headless);
 * otherwise it shows a dialog built from the command's parameters, whose labels start with the
 * key, so ImageJ's recorder writes a run("...", "key=value ...") line that replays exactly.
 */
public class AssayQuantPlugin implements PlugIn {

    @Override
    public void run(String name) {
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
            String msg = Commands.label(name) + ": " + e.getMessage();
            if (macro || GraphicsEnvironment.isHeadless()) {
                // a modal dialog would hang a batch macro: log, then stop the macro
                IJ.log("error: " + msg);
                ij.macro.Interpreter.abort(); // stops the calling macro (also in -batch mode)
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
        for (CommandSpec.Param p : spec.params) {
            String saved = remembered(p) ? Prefs.get(prefKey(spec, p), null) : null;
            if (saved == null) continue;
            try {
                spec.set(cmd, p, spec.convert(p, saved));
            } catch (AssayException e) {
                // a value an older version saved that this one refuses: the default stays
            }
        }
        GenericDialog gd = new GenericDialog(Commands.label(spec.name));
        for (CommandSpec.Param p : spec.params) {
            if (p.hidden()) continue;
            String label = Character.toUpperCase(p.key().charAt(0)) + p.key().substring(1);
            Object v = spec.get(cmd, p);
            Class<?> t = p.type();
            if (p.choices().length > 0) gd.addChoice(label, p.choices(), String.valueOf(v));
            else if (t == boolean.class) gd.addCheckbox(label, (Boolean) v);
            else if (t == int.class) gd.addNumericField(label, (Integer) v, 0);
            else if (t == double.class) gd.addNumericField(label, (Double) v, 2);
            else if (p.style().equals("open")) gd.addFileField(label, (String) v);
            else if (p.style().equals("directory")) gd.addDirectoryField(label, (String) v);
            else gd.addStringField(label, (String) v, 20);
        }
        StringBuilder help = new StringBuilder("<html><h3>" + Commands.label(spec.name) + "</h3><p>" + spec.description + "</p><ul>");
        for (CommandSpec.Param p : spec.params) if (!p.hidden()) help.append("<li><b>").append(p.key()).append("</b>: ").append(p.description()).append("</li>");
        gd.addHelp(help.append("</ul></html>").toString());
        gd.showDialog();
        if (gd.wasCanceled()) return false;
        for (CommandSpec.Param p : spec.params) {
            if (p.hidden()) continue;
            Class<?> t = p.type();
            String raw;
            if (p.choices().length > 0) raw = gd.getNextChoice();
            else if (t == boolean.class) raw = String.valueOf(gd.getNextBoolean());
            else if (t == int.class || t == double.class) raw = String.valueOf(gd.getNextNumber());
            else raw = gd.getNextString();
            spec.set(cmd, p, spec.convert(p, raw));
            if (remembered(p)) Prefs.set(prefKey(spec, p), CommandSpec.format(spec.get(cmd, p)));
        }
        return true;
    }

    private static boolean remembered(CommandSpec.Param p) {
        return !p.key().equals("overwrite");
    }

    private static String prefKey(CommandSpec spec, CommandSpec.Param p) {
        return "assayquant." + spec.name + "." + p.key();
    }
}
