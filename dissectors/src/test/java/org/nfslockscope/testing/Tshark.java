package org.nfslockscope.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs tshark, the reference dissector, as a test oracle. Tests that need it assume it is installed. */
public final class Tshark {
    private static Boolean available;

    private Tshark() {
    }

    public static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        return available;
    }

    /**
     * {@code tshark -r CAPTURE -Y FILTER -T fields -E occurrence=a -E aggregator=| -e F...}, with
     * {@code -d} decode-as rules ("tcp.port==854,rpc"). Returns one String[] per displayed frame,
     * one column per field; repeated occurrences stay joined by '|'.
     */
    public static List<String[]> fields(Path capture, String filter, List<String> decodeAs, String... fields) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", TestCaptures.uncompressed(capture).toString()));
        for (String d : decodeAs) {
            cmd.add("-d");
            cmd.add(d);
        }
        if (filter != null) {
            cmd.add("-Y");
            cmd.add(filter);
        }
        cmd.addAll(List.of("-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String[]> rows = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    rows.add(line.split("\t", -1));
                }
            }
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("tshark timed out on " + capture);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
