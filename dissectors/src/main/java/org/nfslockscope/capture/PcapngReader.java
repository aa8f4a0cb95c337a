package org.nfslockscope.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.nfslockscope.diag.Diagnostic;
import org.nfslockscope.diag.DiagnosticSink;

/**
 * pcapng (draft-ietf-opsawg-pcapng): several sections, each with its own byte order and its own
 * interfaces of any link type; enhanced, simple and obsolete packet blocks. Other blocks are
 * stepped over.
 */
final class PcapngReader implements CaptureReader {
    static final int SHB = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int IDB = 1;
    private static final int OPB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;
    private static final int OPT_IF_TSRESOL = 9;
    private static final int OPT_IF_TSOFFSET = 14;
    /**
     * Interfaces remembered per section. A description block is 20 bytes, so without a limit a
     * file of them would hold more memory than its own size; real captures describe a handful,
     * and the obsolete packet block cannot name more than 65,536.
     */
    static final int MAX_INTERFACES = 1 << 16;

    /** An interface description: link type and how to turn its timestamps into nanoseconds. */
    private record Interface(int linkType, int snaplen, boolean binary, int exponent, long offsetSeconds) {
        long nanos(long ts) {
            long n;
            if (binary) {
                // units of 2^-exponent seconds
                long whole = exponent >= 64 ? 0 : ts >>> exponent;
                long frac = exponent >= 64 ? ts : ts & ((1L << exponent) - 1);
                n = whole * 1_000_000_000L + (long) (frac * (1e9 / Math.pow(2, exponent)));
            } else if (exponent <= 9) {
                n = ts * POW10[9 - exponent];
            } else {
                n = ts / POW10[Math.min(exponent - 9, 18)];
            }
            return n + offsetSeconds * 1_000_000_000L;
        }
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final ByteSource source;
    private final DiagnosticSink diagnostics;
    private final List<Interface> interfaces = new ArrayList<>();
    private boolean tooManyInterfaces;
    private ByteOrder order = ByteOrder.BIG_ENDIAN;
    private long pos;
    private long frames;
    private int section = -1;
    private boolean done;

    PcapngReader(ByteSource source, DiagnosticSink diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    @Override
    public Frame next() throws IOException {
        while (!done) {
            ByteBuffer head = source.window(pos, 12);
            if (head.remaining() == 0) {
                done = true;
                return null;
            }
            if (head.remaining() < 8) {
                return stop("capture ends inside a block header");
            }
            int type = head.order(ByteOrder.BIG_ENDIAN).getInt(0);
            if (type == SHB) {
                if (head.remaining() < 12) {
                    return stop("capture ends inside a section header");
                }
                int bom = head.getInt(8);
                if (bom == BYTE_ORDER_MAGIC) {
                    order = ByteOrder.BIG_ENDIAN;
                } else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) {
                    order = ByteOrder.LITTLE_ENDIAN;
                } else {
                    return stop("section header has an unknown byte-order magic 0x" + Integer.toHexString(bom));
                }
            }
            head.order(order);
            long length = head.getInt(4) & 0xffffffffL;
            if (length < 12 || length > CaptureFiles.MAX_BLOCK) {
                return stop("block of type 0x" + Integer.toHexString(head.getInt(0)) + " claims "
                        + length + " bytes; the file is damaged here and reading stops");
            }
            if ((length & 3) != 0) {
                diagnostics.report(frames + 1, Diagnostic.Stage.CAPTURE,
                        "block length " + length + " is not a multiple of 4");
            }
            ByteBuffer block = source.window(pos, (int) length).order(order);
            if (block.remaining() < length) {
                return stop("capture ends inside a block (" + block.remaining() + " of " + length + " bytes)");
            }
            pos += length;
            type = block.getInt(0);
            Frame f = switch (type) {
                case SHB -> {
                    interfaces.clear();
                    tooManyInterfaces = false;
                    section++;
                    yield null;
                }
                case IDB -> {
                    readInterface(block, (int) length);
                    yield null;
                }
                case EPB -> enhanced(block, (int) length);
                case SPB -> simple(block, (int) length);
                case OPB -> obsolete(block, (int) length);
                default -> null;
            };
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private void readInterface(ByteBuffer b, int length) {
        if (interfaces.size() >= MAX_INTERFACES) {
            if (!tooManyInterfaces) {
                tooManyInterfaces = true;
                diagnostics.report(frames + 1, Diagnostic.Stage.CAPTURE, "section " + section + " describes more than "
                        + MAX_INTERFACES + " interfaces; the later ones are ignored");
            }
            return;
        }
        if (length < 20) {
            diagnostics.report(frames + 1, Diagnostic.Stage.CAPTURE, "interface description block too short");
            interfaces.add(new Interface(-1, 0, false, 6, 0));
            return;
        }
        int linkType = b.getShort(8) & 0xffff;
        int snaplen = b.getInt(12);
        boolean binary = false;
        int exponent = 6;
        long offset = 0;
        int p = 16;
        int end = length - 4;
        while (p + 4 <= end) {
            int code = b.getShort(p) & 0xffff;
            int len = b.getShort(p + 2) & 0xffff;
            if (code == 0 || p + 4 + len > end) {
                break;
            }
            if (code == OPT_IF_TSRESOL && len >= 1) {
                int v = b.get(p + 4) & 0xff;
                binary = (v & 0x80) != 0;
                exponent = v & 0x7f;
            } else if (code == OPT_IF_TSOFFSET && len >= 8) {
                offset = b.getLong(p + 4);
            }
            p += 4 + ((len + 3) & ~3);
        }
        interfaces.add(new Interface(linkType, snaplen, binary, exponent, offset));
    }

    private Interface iface(int id, long number) {
        if (id >= 0 && id < interfaces.size()) {
            return interfaces.get(id);
        }
        diagnostics.report(number, Diagnostic.Stage.CAPTURE, "packet names interface " + id
                + " but section " + section + " describes " + interfaces.size());
        return new Interface(-1, 0, false, 6, 0);
    }

    private Frame enhanced(ByteBuffer b, int length) {
        long number = ++frames;
        if (length < 32) {
            diagnostics.report(number, Diagnostic.Stage.CAPTURE, "enhanced packet block too short");
            return new Frame(number, 0, -1, 0, 0, ByteBuffer.allocate(0));
        }
        int id = b.getInt(8);
        long ts = ((b.getInt(12) & 0xffffffffL) << 32) | (b.getInt(16) & 0xffffffffL);
        int caplen = b.getInt(20);
        int orig = b.getInt(24);
        int room = length - 32;
        if (caplen < 0 || caplen > room) {
            diagnostics.report(number, Diagnostic.Stage.CAPTURE, "packet claims " + (caplen & 0xffffffffL)
                    + " captured bytes but its block holds " + room);
            caplen = room;
        }
        Interface i = iface(id, number);
        return new Frame(number, i.nanos(ts), i.linkType(), id, Math.max(orig, caplen), b.slice(28, caplen));
    }

    private Frame simple(ByteBuffer b, int length) {
        long number = ++frames;
        int orig = length >= 16 ? b.getInt(8) : 0;
        int room = Math.max(length - 16, 0);
        Interface i = iface(0, number);
        int caplen = Math.min(room, orig < 0 ? room : orig);
        if (i.snaplen() > 0) {
            caplen = Math.min(caplen, i.snaplen());
        }
        return new Frame(number, 0, i.linkType(), 0, Math.max(orig, caplen), b.slice(12, caplen));
    }

    private Frame obsolete(ByteBuffer b, int length) {
        long number = ++frames;
        if (length < 32) {
            diagnostics.report(number, Diagnostic.Stage.CAPTURE, "packet block too short");
            return new Frame(number, 0, -1, 0, 0, ByteBuffer.allocate(0));
        }
        int id = b.getShort(8) & 0xffff;
        long ts = ((b.getInt(12) & 0xffffffffL) << 32) | (b.getInt(16) & 0xffffffffL);
        int caplen = b.getInt(20);
        int orig = b.getInt(24);
        int room = length - 32;
        if (caplen < 0 || caplen > room) {
            diagnostics.report(number, Diagnostic.Stage.CAPTURE, "packet claims more captured bytes than its block holds");
            caplen = room;
        }
        Interface i = iface(id, number);
        return new Frame(number, i.nanos(ts), i.linkType(), id, Math.max(orig, caplen), b.slice(28, caplen));
    }

    private Frame stop(String message) {
        diagnostics.report(frames + 1, Diagnostic.Stage.CAPTURE, message);
        done = true;
        return null;
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAPNG;
    }

    @Override
    public long position() {
        return pos;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
