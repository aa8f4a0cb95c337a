package org.nfslockscope.capture;

/** The container format of a capture file, after any compression is taken off. */
public enum CaptureFormat {
    PCAP("pcap"), PCAPNG("pcapng");

    private final String label;

    CaptureFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
