package org.nfslockscope.nlm;

import java.util.Random;
import org.nfslockscope.decode.DecodedBody;
import org.nfslockscope.decode.Decoders;
import org.nfslockscope.rpc.RpcEvent;

/** Random bodies, as call and as reply, through {@link Decoders#standard()}: any exception fails the test. */
public final class RandomBodies {
    private RandomBodies() {
    }

    public static void decodeAndDescribe(int program, int[] versions, int procedures, long seed, int iterations) {
        Random random = new Random(seed);
        Decoders decoders = Decoders.standard();
        for (int i = 0; i < iterations; i++) {
            byte[] body = new byte[random.nextInt(120)];
            random.nextBytes(body);
            if (body.length > 4 && random.nextBoolean()) {
                body[0] = body[1] = body[2] = 0; // plausible small lengths reach deeper into the structures
            }
            int version = versions[random.nextInt(versions.length)];
            RpcEvent call = RpcEvents.call(program, version, random.nextInt(procedures), body);
            for (DecodedBody b : new DecodedBody[] {decoders.decode(call), decoders.decode(RpcEvents.reply(call, body))}) {
                if (b != null) {
                    JsonFields.of(b);
                }
            }
        }
    }
}
