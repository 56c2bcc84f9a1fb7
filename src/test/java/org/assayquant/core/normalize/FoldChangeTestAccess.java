package org.assayquant.core.normalize;

import java.util.List;

/** The hand-computed table of {@link FoldChangeTest}, for tests in other packages. */
public final class FoldChangeTestAccess {
    private FoldChangeTestAccess() {}

    public static List<Measurement> handTable() {
        return FoldChangeTest.handTable();
    }
}
