package org.nfslockscope.decode;

import java.nio.ByteBuffer;
import org.nfslockscope.xdr.XdrException;
import org.nfslockscope.xdr.XdrReader;

/**
 * A body under RPCSEC_GSS DATA that cannot be decoded as the program's own XDR [RFC 2203 §5.3.2]:
 * a krb5p body (encrypted: only its size is known) or a krb5i body whose wrapping is damaged.
 * Also home of the krb5i unwrapping itself.
 */
record GssBody(String service, int opaqueBytes, String damage) implements DecodedBody {

    static GssBody privacy(ByteBuffer body) {
        return new GssBody("privacy", body.remaining(), null);
    }

    /**
     * The procedure's arguments or results inside a krb5i body, {@code opaque databody_integ<>}
     * holding {@code {u32 seq_num; args}}, followed by the checksum we do not need. The window
     * stops at the databody's end; when the capture cut the databody short it is what is present,
     * and the program's decoder reports the truncation.
     *
     * @throws XdrException when there is not even a length and a seq_num
     */
    static ByteBuffer integrityArgs(ByteBuffer body) {
        XdrReader r = new XdrReader(body);
        long length = r.u32L();
        if (length < 4) {
            throw new XdrException("databody_integ of " + length + " bytes has no room for its seq_num", 0);
        }
        r.u32();
        int args = (int) Math.min(length - 4, r.remaining());
        return r.restView().slice(0, args);
    }

    @Override
    public void describe(FieldWriter out) {
        out.field("gss", service);
        out.field("opaque", opaqueBytes);
    }
}
