package org.nfslockscope.cli;

import org.nfslockscope.analysis.Settings;
import org.nfslockscope.findings.Severity;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** --lease, --grace and --fail-on: what the analysis assumes and what fails the run. */
final class Thresholds {
    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error", converter = SeverityConverter.class,
            description = "error (default), warning or info: exit 1 when a finding is at least this grave")
    Severity failOn = Severity.ERROR;

    @Option(names = "--lease", paramLabel = "SECONDS",
            description = "NFSv4 lease time to assume; by default the lease_time attribute seen in the capture, else 90")
    Long leaseSeconds;

    @Option(names = "--grace", paramLabel = "SECONDS",
            description = "grace period to assume when its end is not seen on the wire (default 90)")
    Long graceSeconds;

    Settings settings(CommandLine cl) {
        Settings settings = Settings.defaults();
        if (leaseSeconds != null) {
            if (leaseSeconds < 1) {
                throw new CommandLine.ParameterException(cl, "--lease takes a number of seconds (1 or more)");
            }
            settings = settings.withLease(leaseSeconds * Settings.SECOND);
        }
        if (graceSeconds != null) {
            if (graceSeconds < 1) {
                throw new CommandLine.ParameterException(cl, "--grace takes a number of seconds (1 or more)");
            }
            settings = settings.withGrace(graceSeconds * Settings.SECOND);
        }
        return settings;
    }

    /** "error", "warning", "info", in any case. */
    static final class SeverityConverter implements CommandLine.ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            for (Severity s : Severity.values()) {
                if (s.jsonName().equalsIgnoreCase(value)) {
                    return s;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not one of error, warning, info");
        }
    }
}
