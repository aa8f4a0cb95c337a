package org.nfslockscope.nfs4;

import java.nio.ByteBuffer;
import java.util.List;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.ProgramDecoder;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.rpc.RpcReply;
import org.nfslockscope.xdr.XdrException;
import org.nfslockscope.xdr.XdrReader;

/**
 * Decodes NFSv4 COMPOUND (program 100003 version 4) and the NFSv4 callback program's
 * CB_COMPOUND. A callback program number is chosen by the client from the transient range
 * (RFC 7530 §16.33, RFC 8881 §18.36), so every version-1 program in that range is taken for one.
 * A reply is decoded from its own bytes: each result names its operation.
 */
public final class Nfs4Decoder implements ProgramDecoder {
    public static final int NFS_PROGRAM = 100003;
    public static final int NFS_V4 = 4;
    public static final int CB_VERSION = 1;
    public static final int TRANSIENT_FIRST = 0x40000000;
    public static final int TRANSIENT_LAST = 0x5FFFFFFF;
    private static final int PROC_COMPOUND = 1;

    @Override
    public boolean handles(int program, int version) {
        return (program == NFS_PROGRAM && version == NFS_V4) || isCallbackProgram(program, version);
    }

    static boolean isCallbackProgram(int program, int version) {
        return program >= TRANSIENT_FIRST && program <= TRANSIENT_LAST && version == CB_VERSION;
    }

    @Override
    public DecodedBody decode(RpcEvent event, ByteBuffer body) {
        if (event.procedure() != PROC_COMPOUND) {
            return null;
        }
        if (event.message() instanceof RpcReply reply && !reply.hasResults()) {
            return null;
        }
        boolean callback = isCallbackProgram(event.program(), event.version());
        XdrReader r = new XdrReader(body);
        if (event.isCall()) {
            return callback ? cbCompound(r) : compound(r);
        }
        return callback ? cbCompoundResult(r) : compoundResult(r);
    }

    public static Compound compound(XdrReader r) {
        String tag = null;
        int minor = -1;
        try {
            tag = r.string(Nfs4Xdr.MAX_STRING);
            minor = r.u32();
            OpList.Decoded<Nfs4Op> ops = OpList.read(r, OpList.FORE_ARGS, Nfs4Decoder::opName);
            return new Compound(tag, minor, ops.items(), ops.damage());
        } catch (RuntimeException e) {
            return new Compound(tag, minor, List.of(), headerDamage(e));
        }
    }

    public static CompoundResult compoundResult(XdrReader r) {
        int status = -1;
        String tag = null;
        try {
            status = r.u32();
            tag = r.string(Nfs4Xdr.MAX_STRING);
            OpList.Decoded<Nfs4Result> res = OpList.read(r, OpList.FORE_RESULTS, Nfs4Decoder::opName);
            return new CompoundResult(status, tag, res.items(), res.damage());
        } catch (RuntimeException e) {
            return new CompoundResult(status, tag, List.of(), headerDamage(e));
        }
    }

    public static CbCompound cbCompound(XdrReader r) {
        String tag = null;
        int minor = -1;
        int ident = 0;
        try {
            tag = r.string(Nfs4Xdr.MAX_STRING);
            minor = r.u32();
            ident = r.u32();
            OpList.Decoded<Nfs4Op> ops = OpList.read(r, OpList.CB_ARGS, Nfs4Decoder::cbOpName);
            return new CbCompound(tag, minor, ident, ops.items(), ops.damage());
        } catch (RuntimeException e) {
            return new CbCompound(tag, minor, ident, List.of(), headerDamage(e));
        }
    }

    public static CbCompoundResult cbCompoundResult(XdrReader r) {
        int status = -1;
        String tag = null;
        try {
            status = r.u32();
            tag = r.string(Nfs4Xdr.MAX_STRING);
            OpList.Decoded<Nfs4Result> res = OpList.read(r, OpList.CB_RESULTS, Nfs4Decoder::cbOpName);
            return new CbCompoundResult(status, tag, res.items(), res.damage());
        } catch (RuntimeException e) {
            return new CbCompoundResult(status, tag, List.of(), headerDamage(e));
        }
    }

    private static String headerDamage(RuntimeException e) {
        if (e instanceof XdrException x) {
            return "compound header damaged: " + x.getMessage() + " at offset " + x.offset();
        }
        return "compound could not be decoded: " + e;
    }

    private static String opName(int opcode) {
        String n = Nfs4Names.op(opcode);
        return n != null ? n : "operation " + Integer.toUnsignedString(opcode);
    }

    private static String cbOpName(int opcode) {
        String n = Nfs4Names.cbOp(opcode);
        return n != null ? n : "operation " + Integer.toUnsignedString(opcode);
    }
}
