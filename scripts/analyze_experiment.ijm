// AssayQuant: analyze one experiment sheet (docs/experiment.md) from an ImageJ macro.
//
// Fiji, headless (no screen needed; Linux/macOS shell):
//   ImageJ-linux64 --headless --console -macro scripts/analyze_experiment.ijm "sheet=[/data/exp/experiment.csv] out=[/data/exp/results]"
// ImageJ 1.x, batch mode:
//   java -jar ij.jar -batch scripts/analyze_experiment.ijm "sheet=[/data/exp/experiment.csv] out=[/data/exp/results]"
// Fiji with a screen: Plugins > Macros > Run... asks for the sheet and the output folder.
//
// The argument is the macro options of Plugins > AssayQuant > Analyze Experiment (keys sheet, out,
// title). On a failure the command writes nothing, prints one "error: ..." line and stops the
// macro, so a batch job ends with a clear message instead of a half-written folder.

args = getArgument();
if (args == "") {
    sheet = File.openDialog("AssayQuant experiment sheet (CSV)");
    out = getDirectory("Output folder for the results");
    args = "sheet=[" + sheet + "] out=[" + out + "]";
}
out = call("ij.Macro.getValue", args, "out", "");
run("Analyze Experiment...", args);
print("AssayQuant report: " + out + File.separator + "report.html");
