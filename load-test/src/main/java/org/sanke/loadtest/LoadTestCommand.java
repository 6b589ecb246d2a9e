package org.sanke.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sanke.loadtest.report.Report;
import org.sanke.loadtest.soak.SoakOptions;
import org.sanke.loadtest.soak.SoakRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./sanke load SCENARIO [options]}: plays a classroom scenario, or a soak, against a running server. */
@Command(name = "sanke-load", mixinStandardHelpOptions = true,
        description = "Plays one of the three classroom scenarios, or a soak of many lessons for hours, against a"
                + " running Sanke server through its public protocol, with simulated classrooms (ICE, DTLS, SRTP,"
                + " synthetic VP8/Opus), and writes a report.")
public final class LoadTestCommand implements Callable<Integer> {
    /** Where SANKE_LOGIN and SANKE_PASSWORD are read: the process's environment, or a test's. */
    private final Map<String, String> env;

    LoadTestCommand(Map<String, String> env) {
        this.env = env;
    }

    @Parameters(index = "0", paramLabel = "SCENARIO",
            description = "dedicated (1 teacher, N two-way classrooms), master (1 teacher, N observers),"
                    + " broadcast (1 teacher, N receivers), soak (several dedicated lessons at once whose classrooms"
                    + " come and go, for --duration; the server's resources over time)")
    String scenario;

    @Option(names = "--server", defaultValue = "http://127.0.0.1:8080", description = "server URL (${DEFAULT-VALUE})")
    String server;

    @Option(names = "--login", paramLabel = "NAME",
            description = "Sanke: the lead teacher the tool logs in as to create lessons and get join grants, e.g. the"
                    + " server's --seed-teacher=NAME (default: SANKE_LOGIN); her password is read from SANKE_PASSWORD,"
                    + " never from the command line. Janus needs none.")
    String login;

    @Option(names = {"-n", "--classrooms"},
            description = "receiving classrooms (default per scenario: 6, 200, 1000; soak: 6 at once per lesson)")
    Integer classrooms;

    @Option(names = "--duration", defaultValue = "30",
            description = "seconds to measure after the ramp-up (soak: the whole run, e.g. 7200)")
    int durationSeconds;

    @Option(names = "--lessons", defaultValue = "4", description = "soak: lessons at once (${DEFAULT-VALUE})")
    int soakLessons;

    @Option(names = "--mean-stay", defaultValue = "60",
            description = "soak: seconds a classroom stays on average, exponentially distributed (${DEFAULT-VALUE})")
    double meanStaySeconds;

    @Option(names = "--rejoin-gap", defaultValue = "2",
            description = "soak: seconds after a classroom leaves until the next takes its seat (${DEFAULT-VALUE})")
    double rejoinGapSeconds;

    @Option(names = "--lesson-minutes", defaultValue = "20",
            description = "soak: minutes after which the teacher ends a lesson and a new one starts; 0 for lessons"
                    + " that last the whole run (${DEFAULT-VALUE})")
    double lessonMinutes;

    @Option(names = "--sample-every", defaultValue = "10",
            description = "soak: seconds between readings of the server's /metrics (${DEFAULT-VALUE})")
    double sampleEverySeconds;

    @Option(names = "--ramp-up", defaultValue = "10", description = "seconds over which classrooms join")
    int rampUpSeconds;

    @Option(names = "--audio-kbps", defaultValue = "40", description = "audio bitrate per publisher")
    int audioKbps;

    @Option(names = "--video-kbps", defaultValue = "800", description = "video bitrate per publisher")
    int videoKbps;

    @Option(names = "--simulate-loss", defaultValue = "0",
            description = "percent of received packets the tool's own fake network drops (to check the tool)")
    double simulateLossPercent;

    @Option(names = "--target", defaultValue = "sanke",
            description = "the server under test: sanke, or janus (its VideoRoom plugin, for the benchmark)")
    String target;

    @Option(names = "--server-pid", defaultValue = "0",
            description = "the server's process id: its CPU and memory are read from /proc for the report")
    long serverPid;

    @Option(names = "--realistic", defaultValue = "0",
            description = "libwebrtc receivers (webrtc-java, each in its own JVM) in a lesson of their own beside the"
                    + " scenario, with a libwebrtc teacher sending a real VP8 camera and Opus: real congestion control"
                    + " and jitter buffers, measured during the same window")
    int realisticPeers;

    @Option(names = "--simulcast", negatable = false,
            description = "publishers send video as three simulcast layers by RID (a sixteenth, a quarter and all of"
                    + " --video-kbps), as Chromium does; the server forwards the layer it chooses")
    boolean simulcast;

    @Option(names = "--no-heap", negatable = false,
            description = "do not read the server's live heap (jcmd GC.class_histogram: a full GC before the joins"
                    + " and after the window)")
    boolean noHeap;

    @Option(names = "--report-dir", description = "where the report goes (default load-test-reports/SCENARIO-TIME)")
    Path reportDir;

    @Override
    public Integer call() throws Exception {
        Scenario chosen = parseScenario(scenario);
        LoadTestOptions.Target chosenTarget = parseTarget(target);
        Credentials credentials = chosenTarget == LoadTestOptions.Target.JANUS ? null : Credentials.from(login, env);
        int n = classrooms != null ? classrooms : chosen.defaultClassrooms;
        Path folder = reportDir != null ? reportDir : Path.of("load-test-reports", chosen.name().toLowerCase(Locale.ROOT)
                + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        LoadTestOptions options = new LoadTestOptions(chosen, LoadTest.normalize(server), n,
                Duration.ofSeconds(durationSeconds), Duration.ofSeconds(rampUpSeconds), audioKbps, videoKbps,
                simulateLossPercent / 100, folder, chosenTarget, serverPid, !noHeap, realisticPeers,
                simulcast, new SoakOptions(soakLessons, seconds(meanStaySeconds), seconds(rejoinGapSeconds),
                seconds(lessonMinutes * 60), seconds(sampleEverySeconds)), credentials);
        options.requireCredentials();
        Report.Result result = chosen == Scenario.SOAK ? new SoakRun(options, System.out).run()
                : new LoadTest(options, System.out).run();
        System.out.print(java.nio.file.Files.readString(folder.resolve("report.txt")));
        System.out.println("report: " + folder.resolve("report.html").toAbsolutePath());
        return result.failed() == 0 ? 0 : 1;
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    static LoadTestOptions.Target parseTarget(String name) {
        for (LoadTestOptions.Target t : LoadTestOptions.Target.values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown target '" + name + "'; choose sanke or janus");
    }

    static Scenario parseScenario(String name) {
        for (Scenario s : Scenario.values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "'; choose dedicated, master, broadcast or"
                + " soak");
    }

    /** Runs the command; bad input ends with a one-line message and exit status 2, never a stack trace. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command with its error handling, for {@link #execute} and tests. */
    static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** The command reading SANKE_LOGIN and SANKE_PASSWORD from {@code env}. */
    static CommandLine commandLine(Map<String, String> env) {
        CommandLine line = new CommandLine(new LoadTestCommand(env));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                cmd.getErr().println("sanke-load: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return line;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
