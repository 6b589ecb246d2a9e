package org.sanke.loadtest.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;
import org.sanke.loadtest.LoadTestOptions;
import org.sanke.loadtest.report.Chart;
import org.sanke.loadtest.report.Report;
import org.sanke.loadtest.stats.LossTotals;
import org.sanke.loadtest.stats.RunStats;

/** A soak's report, as text and as HTML with a chart per resource over time and the verdict of each. */
final class SoakReport {
    private static final String HEADING = "Sanke soak";

    /** The tool's own state, judged like the server's: it must not be what grows. */
    private record ToolMeasure(String label, ToDoubleFunction<SoakSample> value, double floor, String unit) {
    }

    private static final List<ToolMeasure> TOOL = List.of(
            new ToolMeasure("participants held", s -> s.toolParticipants(), 2, ""),
            new ToolMeasure("received streams held", s -> s.toolStreams(), 4, ""),
            new ToolMeasure("heap used", SoakSample::toolHeapMiB, 16, "MiB"),
            new ToolMeasure("open files", SoakSample::toolOpenFiles, 8, ""));

    private SoakReport() {
    }

    /** What the server and the tool still held once everyone had left. */
    record Drained(ResourceReading server, double secondsAfterLastLeave, int toolParticipants, int toolStreams) {
    }

    static Report.Result write(LoadTestOptions options, RunStats stats, ChurnCounts counts, List<SoakSample> samples,
                               double seconds, Drained drained) throws IOException {
        Histogram delay = stats.total();
        List<Double> joins = new ArrayList<>(stats.joinMillis());
        Collections.sort(joins);
        LossTotals connected = samples.stream().map(SoakSample::intervalLoss).reduce(LossTotals.NONE,
                LossTotals::plus);
        Report.Result result = new Report.Result((int) counts.classroomJoins.get(), (int) counts.failedJoins.get(),
                stats.packets(), connected.lost(), connected.percent(), stats.duplicates(),
                delay.getValueAtPercentile(50) / 1e6, delay.getValueAtPercentile(99) / 1e6,
                Report.percentile(joins, 50), options.reportDir());
        String text = header(options, seconds, samples.size()) + churn(counts, stats, joins, delay)
                + loss(samples, connected) + resources(samples) + drained(drained)
                + resultLine(samples, counts, connected);
        Files.createDirectories(options.reportDir());
        Files.writeString(options.reportDir().resolve("report.txt"), text);
        Files.writeString(options.reportDir().resolve("report.html"), html(text, samples, seconds));
        return result;
    }

    private static String header(LoadTestOptions o, double seconds, int sampleCount) {
        SoakOptions s = o.soak();
        return String.format(Locale.ROOT, "%s: %d lessons at once, up to %d two-way classrooms each, %s%n", HEADING,
                s.lessons(), o.classrooms(), o.server())
                + String.format(Locale.ROOT, "ran %.0f s; a classroom stays %.1f s on average (exponential), the next"
                        + " takes its seat %.1f s after it leaves; %s; /metrics read every %.1f s (%d samples);"
                        + " audio %d kbit/s, video %d kbit/s per publisher%s%n%n", seconds,
                s.meanStay().toMillis() / 1000.0, s.rejoinGap().toMillis() / 1000.0,
                s.lessonsRotate() ? "every " + minutesOrSeconds(s.lessonLength()) + " the teacher ends each lesson"
                        + " and a new one starts" : "lessons last the whole run",
                s.sampleEvery().toMillis() / 1000.0, sampleCount, o.audioKbps(), o.videoKbps(),
                o.simulcast() ? " in three simulcast layers" : "");
    }

    private static String minutesOrSeconds(Duration d) {
        return d.toSeconds() >= 60 ? String.format(Locale.ROOT, "%.1f min", d.toMillis() / 60_000.0)
                : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String churn(ChurnCounts counts, RunStats stats, List<Double> joins, Histogram delay) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "churn               %,d classroom joins, %,d leaves, %,d failed joins;"
                        + " %,d lessons started, %,d ended by their teacher; %,d teachers lost by the server"
                        + " and rejoined%n", counts.classroomJoins.get(),
                counts.classroomLeaves.get(), counts.failedJoins.get(), counts.lessonsStarted.get(),
                counts.lessonsEndedByTeacher.get(), counts.teacherRejoins.get()));
        stats.failureReasons().forEach((reason, count) ->
                t.append(String.format(Locale.ROOT, "  failed: %d x %s%n", count, reason)));
        t.append(String.format(Locale.ROOT, "join to first video p50 %.0f ms, p90 %.0f ms, max %.0f ms (%,d first"
                        + " videos, teachers' included%s)%n",
                Report.percentile(joins, 50), Report.percentile(joins, 90), Report.percentile(joins, 100),
                stats.joinsRecorded(), joins.size() < stats.joinsRecorded() ? ", a sample of " + joins.size() : ""));
        t.append(String.format(Locale.ROOT, "packets received    %,d; duplicates %,d%n", stats.packets(),
                stats.duplicates()));
        t.append(String.format(Locale.ROOT, "end-to-end delay    p50 %.3f ms, p99 %.3f ms, max %.3f ms (whole run)%n",
                delay.getValueAtPercentile(50) / 1e6, delay.getValueAtPercentile(99) / 1e6,
                delay.getMaxValue() / 1e6));
        return t.toString();
    }

    /** Loss as numbers: over the run, after the warm-up, and the worst interval. */
    private static String loss(List<SoakSample> samples, LossTotals connected) {
        LossTotals warm = samples.subList(samples.size() / 4, samples.size()).stream()
                .map(SoakSample::intervalLoss).reduce(LossTotals.NONE, LossTotals::plus);
        SoakSample worst = samples.stream().filter(s -> s.intervalLoss().lost() > 0)
                .max(Comparator.comparingDouble(SoakSample::lossPercent)).orElse(null);
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "loss, connected     %,d of %,d expected packets (%.4f%%), counting each"
                + " interval only for receivers connected from its start to its end%n", connected.lost(),
                connected.expected(), connected.percent()));
        t.append(String.format(Locale.ROOT, "  after warm-up     %,d of %,d (%.4f%%)%n", warm.lost(), warm.expected(),
                warm.percent()));
        if (worst == null) {
            t.append("  worst interval    none lost a packet\n");
        } else {
            t.append(String.format(Locale.ROOT, "  worst interval    %.4f%% (%,d of %,d, %d receivers) ending at"
                            + " %.0f s%n", worst.lossPercent(), worst.intervalLoss().lost(),
                    worst.intervalLoss().expected(), worst.receiversCounted(), worst.seconds()));
        }
        return t.toString();
    }

    private static String resources(List<SoakSample> samples) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%nresources over time%n"
                + "  rule: the first quarter of the run is warm-up and not judged; the mean of the last quarter is"
                + " compared%n  with the mean of the second. Within %d%% of the second quarter's mean plus the"
                + " resource's floor:%n  flat after warm-up; higher by more: GROWING; lower by more: falling.%n",
                Flatness.TOLERANCE_PERCENT));
        t.append(row("", "2nd quarter", "last quarter", "change", "max", "allowed", "verdict"));
        Flatness.Judgement load = Flatness.judge(samples, SoakSample::classroomsConnected, 1);
        t.append(row("classrooms connected (the load)", count(load.secondQuarterMean()),
                count(load.lastQuarterMean()), percent(load), count(load.max()), count(load.allowed()),
                "(for comparison)"));
        for (Resource r : Resource.values()) {
            Flatness.Judgement j = Flatness.judge(samples, s -> s.resource(r), r.floor);
            t.append(row("server " + r.label, r.format(j.secondQuarterMean()), r.format(j.lastQuarterMean()),
                    percent(j), r.format(j.max()), r.format(j.allowed()), j.verdict().text));
        }
        for (ToolMeasure m : TOOL) {
            Flatness.Judgement j = Flatness.judge(samples, m.value(), m.floor());
            t.append(row("tool " + m.label(), toolValue(j.secondQuarterMean(), m), toolValue(j.lastQuarterMean(), m),
                    percent(j), toolValue(j.max(), m), toolValue(j.allowed(), m), j.verdict().text));
        }
        t.append("  heap used counts garbage not yet collected; heap live after GC, where the server exports it, is"
                + " the leak's measure.\n");
        return t.toString();
    }

    private static String drained(Drained drained) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%nafter everyone left (read %.1f s after the"
                + " last leave):", drained.secondsAfterLastLeave()));
        for (Resource r : List.of(Resource.TRANSPORTS, Resource.CONSUMERS, Resource.PRODUCERS, Resource.SRTP_CONTEXTS,
                Resource.ROUTERS, Resource.LESSONS_LIVE, Resource.SIGNALING_SESSIONS)) {
            t.append(String.format(Locale.ROOT, " %s %s,", r.label, count(drained.server().get(r))));
        }
        t.setLength(t.length() - 1);
        return t.append(String.format(Locale.ROOT, "%nthe tool then held %d participants and %d received streams%n",
                drained.toolParticipants(), drained.toolStreams())).toString();
    }

    /** One machine-readable line. */
    private static String resultLine(List<SoakSample> samples, ChurnCounts counts, LossTotals connected) {
        List<String> growing = new ArrayList<>();
        for (Resource r : Resource.values()) {
            if (Flatness.judge(samples, s -> s.resource(r), r.floor).verdict() == Flatness.Verdict.GROWING) {
                growing.add(r.name().toLowerCase(Locale.ROOT));
            }
        }
        return String.format(Locale.ROOT, "SOAK joins=%d leaves=%d failed_joins=%d connected_lost=%d"
                        + " connected_expected=%d growing=%s%n", counts.classroomJoins.get(),
                counts.classroomLeaves.get(), counts.failedJoins.get(), connected.lost(), connected.expected(),
                growing.isEmpty() ? "none" : String.join(",", growing));
    }

    private static String row(String what, String second, String last, String change, String max, String allowed,
                              String verdict) {
        return String.format(Locale.ROOT, "  %-34s %13s %13s %8s %13s %12s  %s%n", what, second, last, change, max,
                allowed, verdict);
    }

    private static String count(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String percent(Flatness.Judgement j) {
        return Double.isNaN(j.changePercent()) ? "-" : String.format(Locale.ROOT, "%+.1f%%", j.changePercent());
    }

    private static String toolValue(double value, ToolMeasure m) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f%s", value,
                m.unit().isEmpty() ? "" : " " + m.unit());
    }

    private static String html(String text, List<SoakSample> samples, double seconds) {
        StringBuilder h = Report.htmlStart(HEADING, HEADING, text);
        h.append("<h2>Classrooms connected</h2>").append(Chart.lines(samples,
                List.of(SoakSample::classroomsConnected), List.of("#27c"), List.of("connected"), seconds));
        h.append("<h2>Classroom joins and leaves so far, failed joins</h2>").append(Chart.lines(samples,
                List.of(SoakSample::joins, SoakSample::leaves, SoakSample::failedJoins), List.of("#2a7", "#a52",
                        "#c33"), List.of("joins", "leaves", "failed"), seconds));
        h.append("<h2>Loss of connected receivers per interval (%)</h2>").append(Chart.lines(samples,
                List.of(SoakSample::lossPercent), List.of("#c33"), List.of("loss %"), seconds));
        h.append("<h2>End-to-end delay per interval (ms): p50 and p99</h2>").append(Chart.lines(samples,
                List.of(SoakSample::delayP50Millis, SoakSample::delayP99Millis), List.of("#2a7", "#c33"),
                List.of("p50", "p99"), seconds));
        for (Resource r : Resource.values()) {
            Flatness.Judgement j = Flatness.judge(samples, s -> s.resource(r), r.floor);
            h.append("<h2>Server ").append(Report.escape(r.label)).append(r.bytes ? " (MiB)" : "").append(": ")
                    .append(Report.escape(j.verdict().text)).append("</h2>");
            if (j.verdict() != Flatness.Verdict.NOT_EXPORTED) {
                h.append(Chart.lines(samples, List.of(s -> s.resource(r)), List.of("#555"),
                        List.of(r.bytes ? "MiB" : "count"), seconds));
            }
        }
        for (ToolMeasure m : TOOL) {
            h.append("<h2>Tool ").append(m.label()).append(m.unit().isEmpty() ? "" : " (" + m.unit() + ")")
                    .append(": ").append(Flatness.judge(samples, m.value(), m.floor()).verdict().text).append("</h2>")
                    .append(Chart.lines(samples, List.of(m.value()), List.of("#888"),
                            List.of(m.unit().isEmpty() ? "count" : m.unit()), seconds));
        }
        return h.append("</body></html>\n").toString();
    }
}
