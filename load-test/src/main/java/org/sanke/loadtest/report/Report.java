package org.sanke.loadtest.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.sanke.loadtest.libwebrtc.PeerResult;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;
import org.sanke.loadtest.LoadTestOptions;
import org.sanke.loadtest.stats.RunStats;

/** Writes a run's report as plain text and as HTML with charts (inline SVG, no scripts, opens anywhere). */
public final class Report {
    /** The headline figures of a run, also returned to callers (and tests). */
    public record Result(int joined, int failed, long packets, long lost, double lossPercent, long duplicates,
                         double delayP50Millis, double delayP99Millis, double joinMedianMillis, Path folder) {
    }

    /**
     * The server process over the measured window: CPU seconds, the window's length, peak resident memory, and how
     * many subscriber streams it forwarded (receivers times audio and video).
     */
    /**
     * The server's process over the measured window, and what else the tool measured there: its own CPU, the SFU-added
     * delay from the server's histogram (NaN for a server without one), the live heap per subscriber (NaN unless the
     * server is a JVM that jcmd can read), and the datagrams the kernel dropped at its media port (NaN without
     * Sanke's metric).
     */
    public record ServerUse(double cpuSeconds, double windowSeconds, double peakMemoryMiB, int forwardedStreams,
                            double toolCpuSeconds, double sfuDelayP50Millis, double sfuDelayP99Millis,
                            long sfuDelayCount, double heapKiBPerSubscriber, double kernelDrops) {
        /** CPU microseconds per forwarded subscriber stream-second. */
        public double cpuMicrosPerStreamSecond() {
            return cpuSeconds * 1e6 / (forwardedStreams * windowSeconds);
        }
    }

    private Report() {
    }

    public static Result write(LoadTestOptions options, RunStats stats, List<Sample> samples, double seconds,
                               ServerUse server) throws IOException {
        return write(options, stats, samples, seconds, server, List.of());
    }

    /** @param realistic the libwebrtc peers' latest figures at the end of the window (none when not asked for) */
    public static Result write(LoadTestOptions options, RunStats stats, List<Sample> samples, double seconds,
                               ServerUse server, List<PeerResult> realistic) throws IOException {
        Histogram delay = stats.total();
        List<Double> joins = new ArrayList<>(stats.joinMillis());
        Collections.sort(joins);
        long expected = stats.measuredExpected();
        long lost = stats.measuredLost();
        Result result = new Result(stats.clientsJoined.get(), stats.clientsFailed.get(), stats.measuredPackets(), lost,
                expected == 0 ? 0 : 100.0 * lost / expected, stats.measuredDuplicates(),
                delay.getValueAtPercentile(50) / 1e6, delay.getValueAtPercentile(99) / 1e6, percentile(joins, 50),
                options.reportDir());
        Files.createDirectories(options.reportDir());
        String text = text(options, result, stats.failureReasons(), delay, joins, samples, seconds)
                + realistic(realistic) + serverUse(options, result, server);
        Files.writeString(options.reportDir().resolve("report.txt"), text);
        Files.writeString(options.reportDir().resolve("report.html"), html(options, text, joins, samples));
        return result;
    }

    private static String text(LoadTestOptions o, Result r, java.util.Map<String, Long> failures, Histogram delay,
                               List<Double> joins, List<Sample> samples,
                               double seconds) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "Sanke load test: %s, %d classrooms + 1 teacher, %s%n",
                o.scenario().name().toLowerCase(Locale.ROOT), o.classrooms(), o.server()));
        t.append(String.format(Locale.ROOT, "run %.0f s (measured %d s after a ramp-up of %d s), audio %d kbit/s,"
                + " video %d kbit/s per publisher%s%s%n%n", seconds, o.duration().toSeconds(), o.rampUp().toSeconds(),
                o.audioKbps(), o.videoKbps(), o.simulcast() ? " in three simulcast layers (1/16, 1/4, 1)" : "",
                o.receiveLoss() > 0
                        ? String.format(Locale.ROOT, ", fake network drops %.0f%% of received packets",
                        o.receiveLoss() * 100) : ""));
        t.append(String.format(Locale.ROOT, "clients joined      %d of %d (%d failed)%n", r.joined(),
                o.classrooms() + 1, r.failed()));
        failures.forEach((reason, count) ->
                t.append(String.format(Locale.ROOT, "  failed: %d x %s%n", count, reason)));
        t.append(String.format(Locale.ROOT, "in the measured %d s (from 2 s after the last join):%n",
                o.duration().toSeconds()));
        t.append(String.format(Locale.ROOT, "packets received    %,d%n", r.packets()));
        t.append(String.format(Locale.ROOT, "loss                %.3f%% (%,d packets)%n", r.lossPercent(), r.lost()));
        t.append(String.format(Locale.ROOT, "duplicates          %,d%n", r.duplicates()));
        t.append(String.format(Locale.ROOT, "end-to-end delay    p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                delay.getValueAtPercentile(50) / 1e6, delay.getValueAtPercentile(90) / 1e6,
                delay.getValueAtPercentile(99) / 1e6, delay.getMaxValue() / 1e6));
        t.append(String.format(Locale.ROOT, "join to first video p50 %.0f ms, p90 %.0f ms, max %.0f ms (%d joins)%n",
                percentile(joins, 50), percentile(joins, 90), percentile(joins, 100), joins.size()));
        if (o.target() == LoadTestOptions.Target.SANKE) {
            t.append(String.format(Locale.ROOT, "server cpu          mean %.1f%%, max %.1f%% of the machine (/metrics)%n",
                    mean(samples, Sample::serverCpuPercent), max(samples, Sample::serverCpuPercent)));
            t.append(String.format(Locale.ROOT, "server memory       max %.0f MiB used by the JVM (/metrics)%n",
                    max(samples, Sample::serverMemoryMiB)));
        }
        return t.toString();
    }

    private static String html(LoadTestOptions o, String text, List<Double> joins, List<Sample> samples) {
        StringBuilder h = htmlStart("Sanke load test: " + o.scenario().name().toLowerCase(Locale.ROOT),
                "Sanke load test", text);
        h.append("<h2>End-to-end delay (ms): p50 and p99 per second</h2>")
                .append(Chart.lines(samples, List.of(Sample::delayP50Millis, Sample::delayP99Millis),
                        List.of("#2a7", "#c33"), List.of("p50", "p99")));
        h.append("<h2>Loss (%) per second</h2>")
                .append(Chart.lines(samples, List.of(Sample::lossPercent), List.of("#c33"), List.of("loss")));
        h.append("<h2>Received bitrate (kbit/s, all clients)</h2>")
                .append(Chart.lines(samples, List.of(Sample::kbps), List.of("#27c"), List.of("kbit/s")));
        h.append("<h2>Server CPU (% of the machine) and memory (MiB)</h2>")
                .append(Chart.lines(samples, List.of(Sample::serverCpuPercent), List.of("#a52"), List.of("cpu %")))
                .append(Chart.lines(samples, List.of(Sample::serverMemoryMiB), List.of("#555"), List.of("MiB")));
        h.append("<h2>Join to first video (ms), distribution</h2>").append(Chart.histogram(joins, 20));
        h.append("</body></html>\n");
        return h.toString();
    }

    /** A report page up to its charts: style, title, heading and the text report. */
    public static StringBuilder htmlStart(String title, String heading, String text) {
        return new StringBuilder()
                .append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}")
                .append("pre{background:#f4f4f4;padding:1rem}svg{background:#fff;border:1px solid #ccc}")
                .append("h2{font-size:1.1rem;margin-top:2rem}</style></head><body>")
                .append("<h1>").append(escape(heading)).append("</h1><pre>").append(escape(text)).append("</pre>");
    }

    /** What libwebrtc itself reports for the realistic peers, one line each. */
    private static String realistic(List<PeerResult> peers) {
        if (peers.isEmpty()) {
            return "";
        }
        StringBuilder t = new StringBuilder("libwebrtc peers     a lesson of their own beside the scenario, each in"
                + " its own JVM, as libwebrtc's getStats reports at the end of the window:\n");
        for (PeerResult p : peers) {
            if (p.error() != null) {
                t.append(String.format(Locale.ROOT, "  %-18s failed: %s%n", p.name(), p.error()));
            } else if (p.framesEncoded() > 0) {
                t.append(String.format(Locale.ROOT, "  %-18s sent %,d frames, %,d packets; send estimate %.1f"
                        + " Mbit/s%n", p.name(), p.framesEncoded(), p.packetsSent(),
                        p.availableOutgoingBitrate() / 1e6));
            } else {
                t.append(String.format(Locale.ROOT, "  %-18s decoded %,d frames (%.0f/s now), loss %.2f%%, jitter"
                                + " buffer video %.0f ms audio %.0f ms, first frame %d ms%n", p.name(),
                        p.framesDecoded(), p.framesPerSecond(), p.lossPercent(), p.videoJitterBufferDelayMs(),
                        p.audioJitterBufferDelayMs(), p.firstFrameMillis()));
            }
        }
        return t.toString();
    }

    /** The server's process figures and one machine-readable line for the comparison script. */
    private static String serverUse(LoadTestOptions o, Result r, ServerUse server) {
        if (server == null) {
            return "";
        }
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "server process      %.2f CPU s over %.1f s"
                        + " (%.0f%% of one core): %.1f CPU µs per forwarded stream-second (%d streams);"
                        + " peak resident %.0f MiB%n", server.cpuSeconds(), server.windowSeconds(),
                100 * server.cpuSeconds() / server.windowSeconds(), server.cpuMicrosPerStreamSecond(),
                server.forwardedStreams(), server.peakMemoryMiB()));
        if (server.sfuDelayCount() > 0) {
            t.append(String.format(Locale.ROOT, "SFU-added delay     p50 <= %.3f ms, p99 <= %.3f ms over %,d forwarded"
                            + " copies (the server's histogram: read to send, bucket upper bounds)%n",
                    server.sfuDelayP50Millis(), server.sfuDelayP99Millis(), server.sfuDelayCount()));
        }
        if (!Double.isNaN(server.kernelDrops())) {
            t.append(String.format(Locale.ROOT, "kernel drops        %,.0f datagrams at the server's media port (receive"
                    + " buffer full, before the server read them)%n", server.kernelDrops()));
        }
        if (!Double.isNaN(server.heapKiBPerSubscriber())) {
            t.append(String.format(Locale.ROOT, "heap per subscriber %.0f KiB (live heap after a full GC, with all"
                    + " receivers in, minus before they joined, over %d)%n", server.heapKiBPerSubscriber(),
                    o.classrooms()));
        }
        t.append(String.format(Locale.ROOT, "load tool process   %.2f CPU s over the same window (%.0f%% of one core)%n",
                server.toolCpuSeconds(), 100 * server.toolCpuSeconds() / server.windowSeconds()));
        t.append(String.format(Locale.ROOT, "RESULT target=%s scenario=%s n=%d cpu_us_per_stream_s=%.2f peak_mib=%.0f"
                        + " p50_ms=%.3f p99_ms=%.3f loss_pct=%.3f join_p50_ms=%.0f joined=%d failed=%d"
                        + " server_cpu_pct=%.0f sfu_p99_ms=%.3f heap_kib_per_subscriber=%.0f tool_cpu_pct=%.0f%n",
                o.target().name().toLowerCase(Locale.ROOT), o.scenario().name().toLowerCase(Locale.ROOT),
                o.classrooms(), server.cpuMicrosPerStreamSecond(), server.peakMemoryMiB(), r.delayP50Millis(),
                r.delayP99Millis(), r.lossPercent(), r.joinMedianMillis(), r.joined(), r.failed(),
                100 * server.cpuSeconds() / server.windowSeconds(), server.sfuDelayP99Millis(),
                server.heapKiBPerSubscriber(), 100 * server.toolCpuSeconds() / server.windowSeconds()));
        return t.toString();
    }

    /** The value at percentile {@code p} (0..100) of a sorted list; NaN when empty. */
    public static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double mean(List<Sample> samples, ToDoubleFunction<Sample> f) {
        return samples.stream().mapToDouble(f).average().orElse(0);
    }

    private static double max(List<Sample> samples, ToDoubleFunction<Sample> f) {
        return samples.stream().mapToDouble(f).max().orElse(0);
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
