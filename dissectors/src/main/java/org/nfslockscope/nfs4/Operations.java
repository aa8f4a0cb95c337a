package org.nfslockscope.nfs4;

import org.nfslockscope.xdr.XdrReader;

/**
 * Reads the arguments and results of forward-channel operations (RFC 7531, RFC 8881 §18,
 * RFC 7862 §15, RFC 8276 §8). Operations carry no length of their own, so each one must be
 * read to its exact end before the next can be found.
 */
final class Operations {
    private Operations() {
    }

    /** The arguments of {@code opcode}, or null when no minor version defines it. */
    static Nfs4Op args(int opcode, XdrReader r) {
        return switch (opcode) {
            case Close.OPCODE -> Close.read(r);
            case DelegPurge.OPCODE -> DelegPurge.read(r);
            case DelegReturn.OPCODE -> DelegReturn.read(r);
            case GetAttr.OPCODE -> GetAttr.read(r);
            case GetFh.OPCODE -> new GetFh();
            case Lock.OPCODE -> Lock.read(r);
            case LockT.OPCODE -> LockT.read(r);
            case LockU.OPCODE -> LockU.read(r);
            case Lookup.OPCODE -> Lookup.read(r);
            case Open.OPCODE -> Open.read(r);
            case OpenConfirm.OPCODE -> OpenConfirm.read(r);
            case OpenDowngrade.OPCODE -> OpenDowngrade.read(r);
            case PutFh.OPCODE -> PutFh.read(r);
            case Read.OPCODE -> Read.read(r);
            case Renew.OPCODE -> Renew.read(r);
            case SetAttr.OPCODE -> SetAttr.read(r);
            case SetClientId.OPCODE -> SetClientId.read(r);
            case SetClientIdConfirm.OPCODE -> SetClientIdConfirm.read(r);
            case Write.OPCODE -> Write.read(r);
            case ReleaseLockowner.OPCODE -> ReleaseLockowner.read(r);
            case BackchannelCtl.OPCODE -> BackchannelCtl.read(r);
            case BindConnToSession.OPCODE -> BindConnToSession.read(r);
            case ExchangeId.OPCODE -> ExchangeId.read(r);
            case CreateSession.OPCODE -> CreateSession.read(r);
            case DestroySession.OPCODE -> DestroySession.read(r);
            case FreeStateid.OPCODE -> FreeStateid.read(r);
            case Sequence.OPCODE -> Sequence.read(r);
            case TestStateid.OPCODE -> TestStateid.read(r);
            case DestroyClientid.OPCODE -> DestroyClientid.read(r);
            case ReclaimComplete.OPCODE -> ReclaimComplete.read(r);
            default -> Nfs4Names.op(opcode) == null ? null : skipArgs(opcode, r);
        };
    }

    /** The result of {@code opcode}, its status included, or null when no minor version defines it. */
    static Nfs4Result result(int opcode, XdrReader r) {
        if (Nfs4Names.op(opcode) == null) {
            return null;
        }
        int status = r.u32();
        return switch (opcode) {
            case Close.OPCODE, LockU.OPCODE, OpenConfirm.OPCODE, OpenDowngrade.OPCODE ->
                    StateidResult.read(opcode, status, r);
            case Lock.OPCODE -> Lock.Result.read(status, r);
            case LockT.OPCODE -> LockT.Result.read(status, r);
            case Open.OPCODE -> Open.Result.read(status, r);
            case GetAttr.OPCODE -> GetAttr.Result.read(status, r);
            case GetFh.OPCODE -> GetFh.Result.read(status, r);
            case Read.OPCODE -> Read.Result.read(status, r);
            case Write.OPCODE -> Write.Result.read(status, r);
            case SetClientId.OPCODE -> SetClientId.Result.read(status, r);
            case ExchangeId.OPCODE -> ExchangeId.Result.read(status, r);
            case CreateSession.OPCODE -> CreateSession.Result.read(status, r);
            case Sequence.OPCODE -> Sequence.Result.read(status, r);
            case TestStateid.OPCODE -> TestStateid.Result.read(status, r);
            case BindConnToSession.OPCODE -> BindConnToSession.Result.read(status, r);
            default -> {
                PlainOps.skipResult(opcode, status, r);
                yield new PlainResult(opcode, false, status);
            }
        };
    }

    private static Nfs4Op skipArgs(int opcode, XdrReader r) {
        PlainOps.skipArgs(opcode, r);
        return new PlainOp(opcode, false);
    }
}
