package org.nfslockscope.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** -o FILE: where a command's report goes instead of standard output. */
final class OutputOption {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path file;
}
