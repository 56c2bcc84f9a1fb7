package org.assayquant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The wells command's reference is written twice (README for newcomers, docs/wells.md with the measurements); they must not drift. */
class DocsTest {
    private static String reference(Path file) throws IOException {
        String s = Files.readString(file);
        int from = s.indexOf("### Quantify Colony Wells");
        int to = s.indexOf("#### Accuracy", from);
        if (from < 0 || to < 0) throw new AssertionError(file + ": no '### Quantify Colony Wells' ... '#### Accuracy' section");
        return s.substring(from, to);
    }

    @Test
    void wellsReferenceInReadmeEqualsDocs() throws IOException {
        assertEquals(reference(Path.of("README.md")), reference(Path.of("docs/wells.md")),
                "README.md's wells section (up to #### Accuracy) must equal docs/wells.md's");
    }
}
