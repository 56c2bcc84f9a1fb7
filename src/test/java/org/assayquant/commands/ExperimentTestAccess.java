package org.assayquant.commands;

import java.nio.file.Path;

/** Package-private parts of the experiment command, for tests in other packages. */
public final class ExperimentTestAccess {
    private ExperimentTestAccess() {}

    public static String defaultTitle(Path sheet) {
        return Experiment.defaultTitle(sheet);
    }
}
