package org.assayquant.plugin;

import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Container;
import java.awt.EventQueue;
import java.awt.Label;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.Executer;
import ij.ImageJ;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;

/**
 * Opens the real dialog of each given menu command in a plain ImageJ under Xvfb (used by {@link
 * DialogsTest}; ij.jar and this class on the class path, the plugin from {@code <ijDir>/plugins})
 * with a results table "blot-Bands" open, and writes what a person sees: one line per label,
 * checkbox and dropdown ("command TAB label|checkbox|choice TAB text", a dropdown's items joined
 * by " | "), and a screenshot of each dialog as {@code <pngDir>/<command>.png}. Then cancels.
 * Last, Help > About AssayQuant: the line "about TAB <title of the window it opens>".
 *
 * <pre>java -cp ij.jar:test-classes org.assayquant.plugin.DialogHarness ijDir result.txt pngDir "Menu Label..." ...</pre>
 */
final class DialogHarness {
    private DialogHarness() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("plugins.dir", args[0]);
        Path result = Path.of(args[1]), pngDir = Path.of(args[2]);
        new ImageJ(ImageJ.NO_SHOW);
        ResultsTable rt = new ResultsTable();
        rt.incrementCounter();
        rt.addValue("lane", 1);
        rt.show("blot-Bands");
        StringBuilder out = new StringBuilder();
        for (int i = 3; i < args.length; i++) {
            String command = args[i], title = command.replaceFirst("\\.\\.\\.$", "");
            new Executer(command, null);
            GenericDialog gd = null;
            for (int k = 0; k < 200 && gd == null; k++) {
                GenericDialog g = GenericDialog.getInstance();
                if (g != null && g.isShowing() && title.equals(g.getTitle())) gd = g;
                else Thread.sleep(50);
            }
            if (gd == null) {
                out.append(command).append("\tmissing\n");
                continue;
            }
            GenericDialog dialog = gd;
            Thread.sleep(300); // laid out and painted
            EventQueue.invokeAndWait(() -> {
                describe(command, dialog, out);
                BufferedImage img = new BufferedImage(dialog.getWidth(), dialog.getHeight(), BufferedImage.TYPE_INT_RGB);
                java.awt.Graphics2D g = img.createGraphics();
                dialog.printAll(g);
                g.dispose();
                try {
                    javax.imageio.ImageIO.write(img, "png", pngDir.resolve(title.replace(' ', '_') + ".png").toFile());
                } catch (java.io.IOException e) {
                    out.append(command).append("\tscreenshot failed ").append(e).append('\n');
                }
                dialog.actionPerformed(new ActionEvent(dialog.getButtons()[1], ActionEvent.ACTION_PERFORMED, "Cancel"));
            });
            Thread.sleep(200);
        }
        new Executer("About AssayQuant...", null);
        for (int k = 0; k < 100; k++) {
            Window about = null;
            for (Window w : Window.getWindows()) if (w.isShowing() && w instanceof java.awt.Dialog d && d.getTitle().contains("AssayQuant")) about = w;
            if (about != null) {
                out.append("about\t").append(((java.awt.Dialog) about).getTitle()).append('\n');
                about.dispose();
                break;
            }
            Thread.sleep(50);
        }
        Files.writeString(result, out, StandardCharsets.UTF_8);
        System.exit(0);
    }

    private static void describe(String command, Container c, StringBuilder out) {
        for (Component k : c.getComponents()) {
            if (!k.isVisible()) continue;
            if (k instanceof Label l && !l.getText().isBlank()) out.append(command).append("\tlabel\t").append(l.getText().trim()).append('\n');
            else if (k instanceof Checkbox b) out.append(command).append("\tcheckbox\t").append(b.getLabel()).append('\n');
            else if (k instanceof java.awt.Button b) out.append(command).append("\tbutton\t").append(b.getLabel()).append('\n');
            else if (k instanceof Choice ch) {
                StringBuilder items = new StringBuilder();
                for (int i = 0; i < ch.getItemCount(); i++) items.append(i == 0 ? "" : " | ").append(ch.getItem(i));
                out.append(command).append("\tchoice\t").append(items).append('\n');
            } else if (k instanceof Container inner) describe(command, inner, out);
        }
    }
}
