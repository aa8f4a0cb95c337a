package org.nfslockscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Inputs that are not captures. */
final class TestFiles {
    private TestFiles() {
    }

    /** 4 KiB of seeded random bytes named random.pcap in {@code dir}: garbage with a capture's name. */
    static Path randomBytes(Path dir) throws IOException {
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        return Files.write(dir.resolve("random.pcap"), junk);
    }
}
