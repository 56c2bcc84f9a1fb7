package org.assayquant.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

class QuickCompileTest {
    private static final ObjectName DCMD = name();

    private static ObjectName name() {
        try {
            return new ObjectName("com.sun.management:type=DiagnosticCommand");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String directives() throws Exception {
        return String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(DCMD, "compilerDirectivesPrint", new Object[] {null}, new String[] {String[].class.getName()}));
    }

    @Test
    void aDirectiveReachesTheJvm() throws Exception {
        // a directive for a class that does not exist: the test JVM's own compilation is untouched
        String directive = "[{match: \"org/assayquant/cli/NoSuchClass.*\", c2: {Exclude: true}}]";
        assertFalse(directives().contains("NoSuchClass"));
        try {
            assertTrue(QuickCompile.add(directive));
            assertTrue(directives().contains("org/assayquant/cli/NoSuchClass"), directives());
        } finally {
            ManagementFactory.getPlatformMBeanServer().invoke(DCMD, "compilerDirectivesRemove", new Object[] {null}, new String[] {String[].class.getName()});
        }
        assertFalse(directives().contains("NoSuchClass"));
        assertFalse(QuickCompile.add("[{match: "), "a directive the JVM cannot parse is not reported as added");
    }

    @Test
    void aFileAlreadyThereIsLeftAlone() throws Exception {
        java.nio.file.Path there = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "assayquant-jit-" + ProcessHandle.current().pid() + ".json");
        java.nio.file.Files.writeString(there, "someone else's");
        try {
            assertFalse(QuickCompile.add("[{match: \"org/assayquant/cli/NoSuchClass.*\", c2: {Exclude: true}}]"));
            org.junit.jupiter.api.Assertions.assertEquals("someone else's", java.nio.file.Files.readString(there));
            assertFalse(directives().contains("NoSuchClass"));
        } finally {
            java.nio.file.Files.deleteIfExists(there);
        }
    }

    @Test
    void onlyOneInputCommandsSkipC2() {
        assertTrue(QuickCompile.suits("wells"));
        assertTrue(QuickCompile.suits("blot"));
        assertFalse(QuickCompile.suits("batch"));
        assertFalse(QuickCompile.suits("experiment"));
        assertFalse(QuickCompile.suits("--help"));
    }
}
