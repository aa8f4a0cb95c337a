package org.nfslockscope.cli;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/** Standard output, or the file named by -o. */
final class OutputTarget {
    private OutputTarget() {
    }

    static OutputStream open(OutputOption option) throws FileNotFoundException {
        return open(option == null ? null : option.file);
    }

    static OutputStream open(Path file) throws FileNotFoundException {
        if (file == null) {
            // Closing our wrapper must not close System.out.
            return new BufferedOutputStream(new FilterOutputStream(System.out) {
                @Override
                public void write(byte[] b, int off, int len) {
                    System.out.write(b, off, len);
                }

                @Override
                public void close() {
                    System.out.flush();
                }
            }, 1 << 16);
        }
        return new BufferedOutputStream(new FileOutputStream(file.toFile()), 1 << 16);
    }
}
