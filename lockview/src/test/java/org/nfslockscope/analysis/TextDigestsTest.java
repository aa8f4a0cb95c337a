package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cache by instance answers exactly what digesting the text anew would, whatever the order of texts. */
class TextDigestsTest {
    @Test
    void everyAnswerIsTheDigestOfTheText() {
        long seed = 0x1234_5678_9abc_def0L;
        TextDigests digests = new TextDigests(seed);
        Random random = new Random(7);
        List<String> shared = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            shared.add(Long.toHexString(random.nextLong()));
        }
        for (int i = 0; i < 20_000; i++) {
            // Shared instances, equal texts in new instances, and texts that share slots (600 > 256).
            String s = random.nextInt(4) == 0 ? new String(shared.get(random.nextInt(shared.size())))
                    : shared.get(random.nextInt(shared.size()));
            assertEquals(Digest.text(seed, s), digests.of(s), s);
        }
        assertEquals(Digest.text(seed, null), digests.of(null));
        assertNotEquals(digests.of(null), digests.of(""));
    }
}
