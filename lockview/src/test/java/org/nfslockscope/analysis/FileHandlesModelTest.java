package org.nfslockscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FileHandles} against a model that keeps every handle's file in maps of texts: random
 * sequences of NFSv4 and NLM handles of a few files, in their padded and unpadded forms and on
 * two servers, must land on the same files in both, and be noted alike.
 */
class FileHandlesModelTest {
    /** The same rules over plain maps, keyed by server and handle. */
    private static final class Model {
        final Map<String, String> nfs4 = new HashMap<>();
        final Map<String, String> nlm = new HashMap<>();
        final Map<String, Boolean> noted = new HashMap<>();

        String nfs4(String server, String fh) {
            String v = fh.toLowerCase(java.util.Locale.ROOT);
            String known = nfs4.get(server + "/" + v);
            if (known != null) {
                return known;
            }
            String canonical = v;
            if (!nlm.containsKey(server + "/" + v)) {
                for (String padded : FileHandles.paddedForms(v)) {
                    String n = nlm.get(server + "/" + padded);
                    if (n != null) {
                        canonical = n;
                        noted.put(server + "/" + n, true);
                        break;
                    }
                }
            }
            nfs4.put(server + "/" + v, canonical);
            return canonical;
        }

        String nlm(String server, String fh) {
            String n = fh.toLowerCase(java.util.Locale.ROOT);
            String known = nlm.get(server + "/" + n);
            if (known != null) {
                return known;
            }
            String canonical = n;
            if (!nfs4.containsKey(server + "/" + n)) {
                for (String unpadded : FileHandles.unpaddedForms(n)) {
                    String v = nfs4.get(server + "/" + unpadded);
                    if (v != null) {
                        canonical = v;
                        noted.put(server + "/" + v, true);
                        break;
                    }
                }
            }
            nlm.put(server + "/" + n, canonical);
            return canonical;
        }
    }

    @Test
    void sameFilesAsTheModel() {
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            List<String> handles = new ArrayList<>();
            for (int f = 0; f < 3; f++) {
                // 5 to 14 bytes, sometimes ending in zeros of its own
                StringBuilder b = new StringBuilder();
                int len = 5 + random.nextInt(10);
                for (int i = 0; i < len; i++) {
                    b.append(i >= len - 2 && random.nextBoolean() ? "00" : String.format("%02x", 1 + random.nextInt(255)));
                }
                String base = b.toString();
                handles.add(base);
                handles.add(base + "00");
                handles.add(base + "000000");
                handles.add(base + "00".repeat(FileHandles.NFSV2_FHSIZE - len));
                handles.add(base.toUpperCase(java.util.Locale.ROOT));
            }
            FileHandles real = new FileHandles();
            Model model = new Model();
            for (int step = 0; step < 40; step++) {
                String server = random.nextBoolean() ? "10.0.0.1" : "10.0.0.9";
                String fh = handles.get(random.nextInt(handles.size()));
                boolean v4 = random.nextBoolean();
                String expected = v4 ? model.nfs4(server, fh) : model.nlm(server, fh);
                String got = v4 ? real.nfs4(server, fh) : real.nlm(server, fh);
                assertEquals(expected, got, "round " + round + " step " + step + (v4 ? " nfs4 " : " nlm ") + fh);
                assertEquals(model.noted.containsKey(server + "/" + expected), real.note(server, expected) != null);
            }
        }
    }
}
