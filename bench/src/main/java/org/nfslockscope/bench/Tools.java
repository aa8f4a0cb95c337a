package org.nfslockscope.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finding external programs. */
final class Tools {
    private Tools() {
    }

    /** The program's path when it is an executable on PATH, else null. */
    static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
