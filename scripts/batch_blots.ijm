// AssayQuant: quantify every blot image of a folder (Plugins > AssayQuant > Batch Folder of Images).
//
//   ImageJ-linux64 --headless --console -macro scripts/batch_blots.ijm "folder=[/data/blots] out=[/data/blots-results] options=[lanes=auto background=border_median]"
//
// Every .tif/.tiff/.png/.jpg/.jpeg file of the folder is quantified in file-name order into
// out/<image name>/ (bands.csv, lanes.csv, overlay.png, run.csv); out/bands.csv holds the bands of
// all images, out/batch.csv the status and SHA-256 of each image. An image that cannot be
// analysed is listed in out/failures.csv and skipped; the others are written, then the command
// reports the failure (the macro stops with an "error:" line).

args = getArgument();
if (args == "") {
    folder = getDirectory("Folder of blot images");
    out = getDirectory("Output folder for the results");
    args = "folder=[" + folder + "] out=[" + out + "]";
}
run("Batch Folder of Images...", "command=blot " + args);
print("AssayQuant batch: " + call("ij.Macro.getValue", args, "out", "") + File.separator + "batch.csv");
