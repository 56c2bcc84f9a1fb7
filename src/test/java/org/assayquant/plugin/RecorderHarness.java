package org.assayquant.plugin;

import java.awt.EventQueue;
import java.awt.TextField;
import java.awt.event.ActionEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Vector;

import ij.Executer;
import ij.ImageJ;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

/**
 * Drives the real dialog of a menu command with ImageJ's macro recorder on, in its own JVM under
 * Xvfb (used by {@link MacroReplayTest}; only ij.jar and this class on the class path, the
 * plugin comes from {@code <ijDir>/plugins}). Opens the dialog, types the image and out paths
 * into the first two text fields, leaves every other field at its default, clicks OK and writes
 * the recorder's text to a file.
 *
 * <pre>java -cp ij.jar:test-classes org.assayquant.plugin.RecorderHarness ijDir "Menu Label" image out result.txt [remember]</pre>
 *
 * With {@code remember}: the first numeric field is set to 10, and after the run the dialog is
 * opened again and its numeric fields' text is appended to the result ("reopened: 10 ...").
 */
final class RecorderHarness {
    private RecorderHarness() {}

    public static void main(String[] args) throws Exception {
        String ijDir = args[0], command = args[1], image = args[2], out = args[3];
        Path result = Path.of(args[4]);
        boolean remember = args.length > 5 && args[5].equals("remember");
        System.setProperty("plugins.dir", ijDir); // the folder holding plugins/ (what -ijpath sets)
        new ImageJ(ImageJ.NO_SHOW);
        Recorder recorder = new Recorder(false);
        Recorder.record = true;

        new Executer(command, null); // what a menu click does: runs the command in a new thread, recording it
        GenericDialog gd = await(command, result);
        GenericDialog dialog = gd;
        EventQueue.invokeAndWait(() -> {
            Vector<?> fields = dialog.getStringFields();
            ((TextField) fields.get(0)).setText(image);
            ((TextField) fields.get(1)).setText(out);
            if (remember) ((TextField) dialog.getNumericFields().get(1)).setText("10");
            dialog.actionPerformed(new ActionEvent(dialog.getButtons()[0], ActionEvent.ACTION_PERFORMED, "OK"));
        });
        String text = "";
        for (int i = 0; i < 600 && !text.contains("run(\"" + command + "\""); i++) { // Recorder.saveCommand: when the command returns
            Thread.sleep(50);
            text = recorder.getText();
        }
        if (remember) {
            Thread.sleep(500); // the first dialog closes
            new Executer(command, null);
            GenericDialog again = await(command, result);
            StringBuilder numbers = new StringBuilder("\nreopened:");
            EventQueue.invokeAndWait(() -> {
                for (Object f : again.getNumericFields()) numbers.append(' ').append(((TextField) f).getText().trim());
                again.actionPerformed(new ActionEvent(again.getButtons()[1], ActionEvent.ACTION_PERFORMED, "Cancel"));
            });
            text += numbers;
        }
        Files.writeString(result, text, StandardCharsets.UTF_8);
        System.exit(text.isEmpty() ? 4 : 0);
    }

    /** The command's dialog once it shows; exits 3 naming what shows instead. */
    private static GenericDialog await(String command, Path result) throws Exception {
        GenericDialog gd = null;
        for (int i = 0; i < 200 && gd == null; i++) {
            GenericDialog g = GenericDialog.getInstance();
            if (g != null && g.isShowing() && command.replaceFirst("\\.\\.\\.$", "").equals(g.getTitle())) gd = g; // titled without the menu's "..."
            else Thread.sleep(50);
        }
        if (gd == null) {
            StringBuilder shown = new StringBuilder();
            for (java.awt.Window w : java.awt.Window.getWindows()) {
                if (!w.isShowing()) continue;
                shown.append(w.getClass().getName()).append(": ");
                if (w instanceof java.awt.Dialog d) shown.append(d.getTitle());
                if (w instanceof java.awt.Frame f) shown.append(f.getTitle());
                if (w instanceof GenericDialog g && g.getMessage() instanceof java.awt.Label l) shown.append(" - ").append(l.getText());
                shown.append('\n');
            }
            Files.writeString(result, "NO DIALOG titled '" + command + "'; showing:\n" + shown, StandardCharsets.UTF_8);
            System.exit(3);
        }
        return gd;
    }
}
