package org.nfslockscope.bench.gen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/** The synthetic captures the benchmark knows how to write. */
public enum CaptureKind {
    LOCK41("lock41", "NFSv4.1 SEQUENCE+PUTFH+LOCK over 64 connections, every tenth LOCK denied", Lock41Generator::new),
    LOCK40("lock40", "NFSv4.0 OPEN/LOCK/LOCKU/CLOSE/RELEASE_LOCKOWNER with owner seqids in sequence", Lock40Generator::new),
    NLM_UDP("nlm-udp", "NLM v4 TEST/LOCK/UNLOCK over UDP", NlmUdpGenerator::new),
    WRITE("write", "NFSv3 and NFSv4.1 WRITE of 256 KiB records spanning many segments", WriteGenerator::new),
    SHORT_CONNECTIONS("short-conn", "many short TCP connections: SYN, a few LOCK compounds, FIN",
            ShortConnectionGenerator::new);

    private final String label;
    private final String description;
    private final Supplier<Generator> generator;

    CaptureKind(String label, String description, Supplier<Generator> generator) {
        this.label = label;
        this.description = description;
        this.generator = generator;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /**
     * Writes a capture of this kind to {@code file}: at least {@code targetBytes} bytes (or
     * {@code targetPackets} packets when that is positive), always the same for the same seed.
     */
    public GeneratedCapture write(Path file, long targetBytes, long targetPackets, long seed) throws IOException {
        try (PcapWriter w = new PcapWriter(file)) {
            Generator g = generator.get();
            Wire wire = new Wire(w);
            Budget budget = new Budget(w, targetBytes, targetPackets);
            g.generate(wire, new java.util.Random(seed ^ ordinal()), budget);
            return new GeneratedCapture(this, file, w.bytes(), w.packets());
        }
    }

    public static CaptureKind byLabel(String label) {
        for (CaptureKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown capture kind " + label);
    }

    /** Says when a generator has written enough. */
    record Budget(PcapWriter writer, long bytes, long packets) {
        boolean spent() {
            return packets > 0 ? writer.packets() >= packets : writer.bytes() >= bytes;
        }
    }

    interface Generator {
        void generate(Wire wire, java.util.Random random, Budget budget) throws IOException;
    }

    public record GeneratedCapture(CaptureKind kind, Path file, long bytes, long packets) {
    }
}
