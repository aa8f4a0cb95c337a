package org.nfslockscope.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Finds the real captures the tests run on: the project's own {@code samples-pcap/}, and, when
 * the shared folder sits beside the project, {@code ../shared/captures/} and
 * {@code ../shared/samples-public/}.
 */
public final class TestCaptures {
    private static Path decompressed;

    private TestCaptures() {
    }

    /** The project root: the first directory upwards from the working directory that holds samples-pcap/. */
    public static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("samples-pcap")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("cannot find the project root (a folder with samples-pcap/)");
    }

    /** ../shared beside the project, or null when it is not there. */
    public static Path shared() {
        Path s = projectRoot().resolve("../shared").normalize();
        return Files.isDirectory(s) ? s : null;
    }

    /** A capture in ../shared/captures by file name, or null without the shared folder. */
    public static Path sharedCapture(String name) {
        Path s = shared();
        return s == null ? null : s.resolve("captures").resolve(name);
    }

    /** Every capture file the differential tests cover, in a stable order. */
    public static List<Path> all() {
        List<Path> out = new ArrayList<>(list(projectRoot().resolve("samples-pcap")));
        Path s = shared();
        if (s != null) {
            out.addAll(list(s.resolve("captures")));
            out.addAll(list(s.resolve("samples-public")));
        }
        return out;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".*\\.(pcap|pcapng|cap)(\\.gz|\\.bz2)?$"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A short, readable name for test display. */
    public static String label(Path capture) {
        Path root = projectRoot();
        Path s = shared();
        if (s != null && capture.startsWith(s)) {
            return "shared/" + s.relativize(capture);
        }
        return capture.startsWith(root) ? root.relativize(capture).toString() : capture.toString();
    }

    /**
     * The capture as tshark can read it: bzip2 (which tshark 4.0 cannot open) and gzip are
     * decompressed once into a temporary folder.
     */
    public static synchronized Path uncompressed(Path capture) {
        String name = capture.getFileName().toString();
        boolean bz2 = name.endsWith(".bz2");
        boolean gz = name.endsWith(".gz");
        if (!bz2 && !gz) {
            return capture;
        }
        try {
            if (decompressed == null) {
                decompressed = Files.createTempDirectory("nfslockscope-captures");
                decompressed.toFile().deleteOnExit();
            }
            Path out = decompressed.resolve(Integer.toHexString(capture.toString().hashCode()) + "-"
                    + name.substring(0, name.lastIndexOf('.')));
            if (!Files.exists(out)) {
                try (InputStream raw = Files.newInputStream(capture);
                     InputStream in = bz2 ? new BZip2CompressorInputStream(raw, true) : new GZIPInputStream(raw);
                     OutputStream o = Files.newOutputStream(out)) {
                    in.transferTo(o);
                }
                out.toFile().deleteOnExit();
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
