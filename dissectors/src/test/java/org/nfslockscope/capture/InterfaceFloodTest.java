package org.nfslockscope.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfslockscope.diag.Diagnostic;

/**
 * A pcapng section that describes more interfaces than any capture does: the reader keeps the
 * first {@link PcapngReader#MAX_INTERFACES}, says so once, and packets naming a later one are
 * reported like packets naming an interface never described.
 */
class InterfaceFloodTest {
    private static byte[] capture(int interfaces) {
        ByteBuffer b = ByteBuffer.allocate(28 + 20 * interfaces + 36).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(PcapngReader.SHB).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                .putLong(-1).putInt(28);
        for (int i = 0; i < interfaces; i++) {
            b.putInt(1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(0).putInt(20);
        }
        // an enhanced packet block naming the last interface, 4 bytes of packet
        b.putInt(6).putInt(36).putInt(interfaces - 1).putInt(0).putInt(0).putInt(4).putInt(4).putInt(0).putInt(36);
        return b.array();
    }

    private static List<Diagnostic> read(Path dir, int interfaces) throws IOException {
        Path p = Files.write(dir.resolve("i" + interfaces + ".pcapng"), capture(interfaces));
        List<Diagnostic> out = new ArrayList<>();
        try (CaptureReader r = CaptureFiles.open(p, out::add)) {
            Frame f = r.next();
            assertEquals(1, f.number());
            assertEquals(null, r.next());
        }
        return out;
    }

    @Test
    void interfacesBeyondTheLimitAreIgnoredAndReportedOnce(@TempDir Path dir) throws IOException {
        assertTrue(read(dir, PcapngReader.MAX_INTERFACES).isEmpty(), "the limit itself is fine");
        List<Diagnostic> over = read(dir, 4 * PcapngReader.MAX_INTERFACES);
        assertEquals(2, over.size(), over.toString());
        assertTrue(over.get(0).message().contains("more than 65536 interfaces"), over.get(0).message());
        assertTrue(over.get(1).message().contains("names interface 262143 but section 0 describes 65536"),
                over.get(1).message());
    }
}
