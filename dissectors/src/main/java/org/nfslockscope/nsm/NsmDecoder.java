package org.nfslockscope.nsm;

import java.nio.ByteBuffer;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.ProgramDecoder;
import org.nfslockscope.nlm.PartialReader;
import org.nfslockscope.rpc.Programs;
import org.nfslockscope.rpc.RpcEvent;
import org.nfslockscope.xdr.XdrReader;

/** NSM, program 100024 version 1: host monitoring between lockd and statd, and SM_NOTIFY between hosts. */
public final class NsmDecoder implements ProgramDecoder {

    @Override
    public boolean handles(int program, int version) {
        return program == Programs.NSM && version == 1;
    }

    @Override
    public DecodedBody decode(RpcEvent event, ByteBuffer body) {
        int procedure = event.procedure();
        boolean reply = !event.isCall();
        try {
            PartialReader r = new PartialReader(new XdrReader(body));
            NsmBody decoded = reply ? results(procedure, r) : arguments(procedure, r);
            if (decoded == null && !r.damaged()) {
                return null;
            }
            return new NsmMessage(procedure, reply, decoded, r.damage());
        } catch (RuntimeException e) {
            // Last resort: a decoder bug costs this message's fields, never the pipeline.
            return new NsmMessage(procedure, reply, null, "internal error: " + e);
        }
    }

    static NsmBody arguments(int procedure, PartialReader r) {
        return switch (procedure) {
            case NsmProc.SM_NULL, NsmProc.SM_SIMU_CRASH -> null;
            case NsmProc.SM_STAT -> SmName.read(r);
            case NsmProc.SM_MON -> Mon.read(r);
            case NsmProc.SM_UNMON -> MonId.read(r);
            case NsmProc.SM_UNMON_ALL -> MyId.read(r);
            case NsmProc.SM_NOTIFY -> StatChge.read(r);
            default -> undefined(procedure, r);
        };
    }

    static NsmBody results(int procedure, PartialReader r) {
        return switch (procedure) {
            case NsmProc.SM_NULL, NsmProc.SM_SIMU_CRASH, NsmProc.SM_NOTIFY -> null;
            case NsmProc.SM_STAT, NsmProc.SM_MON -> SmStatRes.read(r);
            case NsmProc.SM_UNMON, NsmProc.SM_UNMON_ALL -> SmStat.read(r);
            default -> undefined(procedure, r);
        };
    }

    private static NsmBody undefined(int procedure, PartialReader r) {
        r.fail("procedure " + (procedure & 0xffffffffL) + " is not defined in NSMv1");
        return null;
    }
}
