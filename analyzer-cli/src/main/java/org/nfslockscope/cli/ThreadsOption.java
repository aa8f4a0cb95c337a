package org.nfslockscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** --threads 1|2: whether the lock analysis runs on a second thread while the capture is read. */
final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N",
            description = "1: read and analyse on one thread; 2: read the capture on one thread and run the"
                    + " lock analysis on a second one. By default 2 for captures of 256 MiB or more when a"
                    + " processor is free (other processes busy on at most the processors less one and a half,"
                    + " sampled for 60 ms), unless the frames of"
                    + " the capture's first 4 MiB average 1024 bytes or more (bulk data such as large WRITEs),"
                    + " else 1. The output is the same either way")
    Integer threads;

    /** {@code control} with the number of threads asked for (0: decided per capture). */
    CaptureInput.Control apply(CaptureInput.Control control, CommandLine cl) {
        if (threads == null) {
            return control.threads(0);
        }
        if (threads != 1 && threads != 2) {
            throw new CommandLine.ParameterException(cl, "--threads takes 1 or 2, not " + threads);
        }
        return control.threads(threads);
    }
}
