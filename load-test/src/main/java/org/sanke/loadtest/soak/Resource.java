package org.sanke.loadtest.soak;

import java.util.Locale;

/**
 * A resource of the server a soak watches, as its /metrics exports it: the sum of a metric's series, or of those with
 * one label's value. The noise floor is how much a mean may move between quarters of a run without that meaning
 * anything: churn and garbage collection move every one of them a little.
 */
public enum Resource {
    HEAP_USED("heap used", "jvm_memory_used_bytes", "area", "heap", true, 16),
    HEAP_LIVE("heap live after GC", "jvm_gc_live_data_size_bytes", null, null, true, 8),
    DIRECT_MEMORY("direct memory (JVM buffers)", "jvm_buffer_memory_used_bytes", "id", "direct", true, 2),
    NETTY_DIRECT_MEMORY("direct memory (Netty)", "sanke_netty_direct_memory_used_bytes", null, null, true, 4),
    LIVE_THREADS("live threads", "jvm_threads_live_threads", null, null, false, 2),
    OPEN_FILES("open files", "process_files_open_files", null, null, false, 8),
    SRTP_CONTEXTS("SRTP contexts", "sanke_media_srtp_contexts", null, null, false, 4),
    TRANSPORTS("media transports", "sanke_media_transports", null, null, false, 2),
    PRODUCERS("producers", "sanke_media_producers", null, null, false, 2),
    CONSUMERS("consumers", "sanke_media_consumers", null, null, false, 4),
    ROUTERS("routers", "sanke_media_routers", null, null, false, 1),
    LESSONS_LIVE("live lessons", "sanke_lessons_live", null, null, false, 1),
    SIGNALING_SESSIONS("signaling sessions", "sanke_signaling_sessions", null, null, false, 2);

    public final String label;
    public final String metric;
    final String labelName;
    final String labelValue;
    /** Bytes, shown in MiB; otherwise a count. */
    public final boolean bytes;
    /** The noise floor, in the unit shown (MiB or count). */
    public final double floor;

    Resource(String label, String metric, String labelName, String labelValue, boolean bytes, double floor) {
        this.label = label;
        this.metric = metric;
        this.labelName = labelName;
        this.labelValue = labelValue;
        this.bytes = bytes;
        this.floor = floor;
    }

    /** A value of this resource in the unit shown: MiB for bytes. */
    public double shown(double raw) {
        return bytes ? raw / (1024 * 1024) : raw;
    }

    /** The unit shown, for tables and chart titles. */
    public String unit() {
        return bytes ? "MiB" : "";
    }

    /** A value with its unit, e.g. "123.4 MiB" or "57". */
    public String format(double shownValue) {
        if (Double.isNaN(shownValue)) {
            return "-";
        }
        return bytes ? String.format(Locale.ROOT, "%.1f MiB", shownValue)
                : String.format(Locale.ROOT, "%.1f", shownValue);
    }
}
