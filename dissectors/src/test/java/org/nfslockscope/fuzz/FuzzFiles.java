package org.nfslockscope.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz inputs as files, for the targets that open a path. Each input gets a new file, deleted
 * after use: when the reader memory-mapped files, rewriting one file that the previous run still
 * had mapped (a mapping lives until garbage collection) cost milliseconds per execution.
 * Memory-backed /dev/shm is used where there is one: file writes are most of a small input's cost.
 */
final class FuzzFiles {
    private static final Path DIR = directory();
    private static long next;

    private FuzzFiles() {
    }

    /** Runs {@code use} on a file holding {@code bytes}. */
    static void with(byte[] bytes, FileUse use) throws IOException {
        Path file = DIR.resolve("input-" + (next++));
        Files.write(file, bytes);
        try {
            use.accept(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FunctionalInterface
    interface FileUse {
        void accept(Path file) throws IOException;
    }

    private static Path directory() {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "nfslockscope-fuzz")
                    : Files.createTempDirectory("nfslockscope-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
