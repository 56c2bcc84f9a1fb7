package org.assayquant.core;

/**
 * A failure the user can act on. {@link #usage} distinguishes bad input or parameters (exit
 * status 2 on the command line) from failures while processing valid input (exit status 1).
 * The message names the offending file, key, row or column and what was expected.
 */
public class AssayException extends RuntimeException {
    public final boolean usage;

    public AssayException(boolean usage, String message) {
        super(message);
        this.usage = usage;
    }

    public AssayException(boolean usage, String message, Throwable cause) {
        super(message, cause);
        this.usage = usage;
    }

    /** Bad input or parameter (exit status 2). */
    public static AssayException invalid(String message) {
        return new AssayException(true, message);
    }

    /** Valid input that could not be processed (exit status 1). */
    public static AssayException failed(String message) {
        return new AssayException(false, message);
    }
}
