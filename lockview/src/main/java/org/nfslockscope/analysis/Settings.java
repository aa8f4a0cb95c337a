package org.nfslockscope.analysis;

/**
 * Thresholds a user may override. {@code leaseNanos} and {@code graceNanos} are used only until
 * the capture teaches better (a lease_time attribute, an observed end of grace).
 */
public record Settings(long leaseNanos, long graceNanos, boolean leaseOverridden, boolean graceOverridden) {
    public static final long SECOND = 1_000_000_000L;

    /** RFC 7530 has no default lease; 90 s is what Linux and most servers use. */
    public static Settings defaults() {
        return new Settings(90 * SECOND, 90 * SECOND, false, false);
    }

    public Settings withLease(long nanos) {
        return new Settings(nanos, graceNanos, true, graceOverridden);
    }

    public Settings withGrace(long nanos) {
        return new Settings(leaseNanos, nanos, leaseOverridden, true);
    }
}
