package org.sanke.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.ModePolicies;
import org.sanke.classroom.ModePolicy;
import org.sanke.classroom.Role;
import org.sanke.classroom.audit.Retention;
import org.sanke.classroom.moderation.TextPolicy;
import org.sanke.signaling.SignalingConfig;

/**
 * How the server runs. Each option can come from a flag or an environment variable; flags win. Documented in
 * docs/configuration.md.
 *
 * @param bindAddress        address the HTTP and media sockets bind to
 * @param httpPort           HTTP and WebSocket port (0 = any free port)
 * @param mediaPort          the one UDP port of all WebRTC media (0 = any free port)
 * @param announcedAddresses addresses browsers reach the media port at, written into ICE candidates
 * @param mediaEventLoops    event loops of the media server
 * @param demoLesson         create the lesson "demo" at start (unless it exists)
 * @param databaseUrl        JDBC URL of the store: an H2 file by default, PostgreSQL in production
 * @param databaseUser       its user
 * @param databasePassword   its password
 * @param modePolicies       the caps of each lesson mode on this platform
 * @param transport          HTTPS and which other sites' pages may use the server
 * @param access             the grant keys, and a teacher made at start for trials
 * @param retention          how long the audit trail and live-content records are kept (never below the floors)
 * @param textFilter         the lexicon chat, questions and chosen names are checked against, and block or mask
 * @param pictures           how often live video is pictured (patrol wall, moderation hook) and the checker
 * @param recordings         the folder live lessons are recorded into (null: none are)
 */
public record SankeOptions(String bindAddress, int httpPort, int mediaPort, List<String> announcedAddresses,
                           int mediaEventLoops, boolean demoLesson, String databaseUrl, String databaseUser,
                           String databasePassword, ModePolicies modePolicies, TransportOptions transport,
                           AccessOptions access, Retention retention,
                           SignalingConfig.TextFilterSettings textFilter,
                           SignalingConfig.PictureSettings pictures, java.nio.file.Path recordings) {
    /** With the default retention (the floors), the bundled lexicon, blocking. */
    public SankeOptions(String bindAddress, int httpPort, int mediaPort, List<String> announcedAddresses,
                        int mediaEventLoops, boolean demoLesson, String databaseUrl, String databaseUser,
                        String databasePassword, ModePolicies modePolicies, TransportOptions transport,
                        AccessOptions access) {
        this(bindAddress, httpPort, mediaPort, announcedAddresses, mediaEventLoops, demoLesson, databaseUrl,
                databaseUser, databasePassword, modePolicies, transport, access, Retention.defaults(),
                SignalingConfig.TextFilterSettings.DEFAULT, SignalingConfig.PictureSettings.DEFAULT,
                DEFAULT_RECORDINGS);
    }

    /** With the default transport: plain HTTP while only loopback is announced, else HTTPS. */
    public SankeOptions(String bindAddress, int httpPort, int mediaPort, List<String> announcedAddresses,
                        int mediaEventLoops, boolean demoLesson, String databaseUrl, String databaseUser,
                        String databasePassword, ModePolicies modePolicies) {
        this(bindAddress, httpPort, mediaPort, announcedAddresses, mediaEventLoops, demoLesson, databaseUrl,
                databaseUser, databasePassword, modePolicies, TransportOptions.defaults());
    }

    /** With the default mode caps. */
    public SankeOptions(String bindAddress, int httpPort, int mediaPort, List<String> announcedAddresses,
                        int mediaEventLoops, boolean demoLesson, String databaseUrl, String databaseUser,
                        String databasePassword) {
        this(bindAddress, httpPort, mediaPort, announcedAddresses, mediaEventLoops, demoLesson, databaseUrl,
                databaseUser, databasePassword, ModePolicies.defaults());
    }

    /** Where live lessons are recorded unless told otherwise. */
    public static final java.nio.file.Path DEFAULT_RECORDINGS = java.nio.file.Path.of("data", "recordings");

    /** The same options, recording into {@code folder} (null: recording nothing). */
    public SankeOptions withRecordings(java.nio.file.Path folder) {
        return new SankeOptions(bindAddress, httpPort, mediaPort, announcedAddresses, mediaEventLoops, demoLesson,
                databaseUrl, databaseUser, databasePassword, modePolicies, transport, access, retention, textFilter,
                pictures, folder);
    }

    /** The embedded default store: ./data/sanke.mv.db, created at first start. */
    public static final String DEFAULT_DATABASE_URL = "jdbc:h2:file:./data/sanke";

    public static final String USAGE = """
            Usage: ./sanke run [options]
                   ./sanke verify-audit [--anchor=SEQ:HASH] [options]   check the audit trail's hash chain in
                                           the database the options name (exit 0 intact, 3 tampered)
              --bind=ADDRESS               address to listen on (SANKE_BIND, default 0.0.0.0)
              --http-port=PORT             HTTP and WebSocket port (SANKE_HTTP_PORT, default 8080)
              --media-port=PORT            UDP port of all media (SANKE_MEDIA_PORT, default 10000)
              --announced-addresses=A,B    addresses browsers reach the media port at
                                           (SANKE_ANNOUNCED_ADDRESSES, default 127.0.0.1)
              --media-loops=N              media event loops (SANKE_MEDIA_LOOPS, default min(4, CPUs))
              --no-demo                    do not create the demo lesson (SANKE_DEMO=false)
              --database=JDBC_URL          where lessons are kept (SANKE_DATABASE_URL, default an H2 file
                                           in ./data; e.g. jdbc:postgresql://db.example:5432/sanke)
              --database-user=USER         (SANKE_DATABASE_USER, default sa)
              --database-password=SECRET   (SANKE_DATABASE_PASSWORD, default empty)
              --mode-caps=MODE=C/A,...     caps per lesson mode: classrooms/audience (SANKE_MODE_CAPS,
                                           default dedicated=6/0,master_teacher=6/300,famous_school=20/5000)
              --mode-stage=MODE=ROLE+ROLE  which audience roles the teacher may bring on stage, per mode
                                           (SANKE_MODE_STAGE, default master_teacher=observer; MODE= for none)
              --tls=auto|on|off            HTTPS on the HTTP port (SANKE_TLS, default auto: with the given
                                           certificate, else with a generated one when an announced address
                                           is not loopback; off: plain HTTP behind a proxy that ends TLS)
              --tls-cert=FILE              PEM certificate, with any intermediates (SANKE_TLS_CERT)
              --tls-key=FILE               its PEM private key, not encrypted (SANKE_TLS_KEY)
              --allowed-origins=URL,...    other sites whose pages may use /ws and change data through the
                                           API, e.g. https://portal.school.example (SANKE_ALLOWED_ORIGINS)
              --grant-key-file=FILE        keys that sign join grants, one Base64 line each, the signing key
                                           first (SANKE_GRANT_KEY_FILE, default ./data/grant-keys, made at
                                           first start); SANKE_GRANT_KEYS=KEY,KEY replaces the file
              --seed-teacher=LOGIN         make this lead teacher at start if missing, with the password in
                                           SANKE_SEED_PASSWORD (load tests and trials)
              --oidc-issuer=URL            log in through this OpenID Connect provider too (SANKE_OIDC_ISSUER;
                                           docs/oidc.md), with --oidc-client-id, --oidc-redirect-uri
                                           (https://HOST/api/session/oidc/callback), SANKE_OIDC_CLIENT_SECRET,
                                           --oidc-person-claim (default preferred_username), --oidc-school-claim
              --audit-retention-days=N     keep the audit trail N days (SANKE_AUDIT_RETENTION_DAYS, default
                                           and least 180)
              --live-records-retention-days=N  keep live-content records (chat, joins, moderation…) N days
                                           (SANKE_LIVE_RECORDS_RETENTION_DAYS, default and least 60)
              --lexicon-file=FILE          words chat, questions and chosen names may not hold, UTF-8, one a
                                           line, re-read when it changes (SANKE_LEXICON_FILE; default a small
                                           bundled list)
              --text-filter=block|mask     a text with such a word is refused to its writer, or shown with the
                                           word masked (SANKE_TEXT_FILTER, default block)
              --picture-seconds=N          a still picture of each live video stream every N seconds, for the
                                           patrol wall and the picture checker (SANKE_PICTURE_SECONDS,
                                           default 10; 0: none)
              --picture-checker=URL        send each picture to this webhook for a verdict: pass, flag for
                                           safety staff, or cut the stream off (SANKE_PICTURE_CHECKER;
                                           docs/moderation.md; ./sanke picture-checker is a reference one)
              --recording=on|off           record every live lesson (SANKE_RECORDING, default on): the
                                           teacher's camera, screen and microphone, whoever is on stage
              --recordings-dir=DIR         where (SANKE_RECORDINGS_DIR, default ./data/recordings); files a
                                           killed server left are finished at the next start
              --help                       this text
            """;

    public SankeOptions {
        announcedAddresses = List.copyOf(announcedAddresses);
    }

    /** With the default access settings. */
    public SankeOptions(String bindAddress, int httpPort, int mediaPort, List<String> announcedAddresses,
                        int mediaEventLoops, boolean demoLesson, String databaseUrl, String databaseUser,
                        String databasePassword, ModePolicies modePolicies, TransportOptions transport) {
        this(bindAddress, httpPort, mediaPort, announcedAddresses, mediaEventLoops, demoLesson, databaseUrl,
                databaseUser, databasePassword, modePolicies, transport, AccessOptions.defaults());
    }

    /** The same options served over {@code transport}. */
    public SankeOptions withTransport(TransportOptions transport) {
        return new SankeOptions(bindAddress, httpPort, mediaPort, announcedAddresses, mediaEventLoops, demoLesson,
                databaseUrl, databaseUser, databasePassword, modePolicies, transport, access, retention, textFilter,
                pictures, recordings);
    }

    /** The same options with other access settings. */
    public SankeOptions withAccess(AccessOptions access) {
        return new SankeOptions(bindAddress, httpPort, mediaPort, announcedAddresses, mediaEventLoops, demoLesson,
                databaseUrl, databaseUser, databasePassword, modePolicies, transport, access, retention, textFilter,
                pictures, recordings);
    }

    /** The same options with other retention. */
    public SankeOptions withRetention(Retention retention) {
        return new SankeOptions(bindAddress, httpPort, mediaPort, announcedAddresses, mediaEventLoops, demoLesson,
                databaseUrl, databaseUser, databasePassword, modePolicies, transport, access, retention, textFilter,
                pictures, recordings);
    }

    /** The same options with another lexicon or policy for chat, questions and chosen names. */
    public SankeOptions withTextFilter(SignalingConfig.TextFilterSettings textFilter) {
        return new SankeOptions(bindAddress, httpPort, mediaPort, announcedAddresses, mediaEventLoops, demoLesson,
                databaseUrl, databaseUser, databasePassword, modePolicies, transport, access, retention, textFilter,
                pictures, recordings);
    }

    /** The same options with live video pictured otherwise. */
    public SankeOptions withPictures(SignalingConfig.PictureSettings pictures) {
        return new SankeOptions(bindAddress, httpPort, mediaPort, announcedAddresses, mediaEventLoops, demoLesson,
                databaseUrl, databaseUser, databasePassword, modePolicies, transport, access, retention, textFilter,
                pictures, recordings);
    }

    public static SankeOptions defaults() {
        return new SankeOptions("0.0.0.0", 8080, 10000, List.of("127.0.0.1"),
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), true, DEFAULT_DATABASE_URL,
                "sa", "");
    }

    /** Reads flags ({@code --name=value} or {@code --name value}) over environment variables over defaults. */
    public static SankeOptions parse(String[] args, Map<String, String> env) {
        SankeOptions d = defaults();
        String bind = env.getOrDefault("SANKE_BIND", d.bindAddress());
        String http = env.get("SANKE_HTTP_PORT");
        String media = env.get("SANKE_MEDIA_PORT");
        String announced = env.get("SANKE_ANNOUNCED_ADDRESSES");
        String loops = env.get("SANKE_MEDIA_LOOPS");
        String demo = env.get("SANKE_DEMO");
        String database = env.getOrDefault("SANKE_DATABASE_URL", d.databaseUrl());
        String databaseUser = env.getOrDefault("SANKE_DATABASE_USER", d.databaseUser());
        String databasePassword = env.getOrDefault("SANKE_DATABASE_PASSWORD", d.databasePassword());
        String modeCaps = env.get("SANKE_MODE_CAPS");
        String modeStage = env.get("SANKE_MODE_STAGE");
        String tls = env.get("SANKE_TLS");
        String tlsCertificate = env.get("SANKE_TLS_CERT");
        String tlsKey = env.get("SANKE_TLS_KEY");
        String allowedOrigins = env.get("SANKE_ALLOWED_ORIGINS");
        String grantKeyFile = env.get("SANKE_GRANT_KEY_FILE");
        String seedTeacher = env.get("SANKE_SEED_TEACHER");
        String auditDays = env.get("SANKE_AUDIT_RETENTION_DAYS");
        String liveDays = env.get("SANKE_LIVE_RECORDS_RETENTION_DAYS");
        String lexiconFile = env.get("SANKE_LEXICON_FILE");
        String textPolicy = env.get("SANKE_TEXT_FILTER");
        String pictureSeconds = env.get("SANKE_PICTURE_SECONDS");
        String pictureChecker = env.get("SANKE_PICTURE_CHECKER");
        String recordingsDir = env.get("SANKE_RECORDINGS_DIR");
        String recording = env.get("SANKE_RECORDING");
        Map<String, String> oidc = new java.util.HashMap<>();
        for (String key : new String[] {"issuer", "client-id", "redirect-uri", "person-claim", "school-claim",
                "client-secret"}) {
            String value = env.get("SANKE_OIDC_" + key.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            if (value != null && !value.isBlank()) {
                oidc.put(key, value);
            }
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            if (arg.equals("--no-demo")) {
                demo = "false";
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new HelpRequested();
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : arg.substring(2);
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (!rest.isEmpty()) {
                value = rest.remove(0);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            switch (name) {
                case "bind" -> bind = value;
                case "http-port" -> http = value;
                case "media-port" -> media = value;
                case "announced-addresses" -> announced = value;
                case "media-loops" -> loops = value;
                case "database" -> database = value;
                case "database-user" -> databaseUser = value;
                case "database-password" -> databasePassword = value;
                case "mode-caps" -> modeCaps = value;
                case "mode-stage" -> modeStage = value;
                case "tls" -> tls = value;
                case "tls-cert" -> tlsCertificate = value;
                case "tls-key" -> tlsKey = value;
                case "allowed-origins" -> allowedOrigins = value;
                case "grant-key-file" -> grantKeyFile = value;
                case "seed-teacher" -> seedTeacher = value;
                case "audit-retention-days" -> auditDays = value;
                case "live-records-retention-days" -> liveDays = value;
                case "lexicon-file" -> lexiconFile = value;
                case "text-filter" -> textPolicy = value;
                case "picture-seconds" -> pictureSeconds = value;
                case "picture-checker" -> pictureChecker = value;
                case "recordings-dir" -> recordingsDir = value;
                case "recording" -> recording = value;
                case "oidc-issuer", "oidc-client-id", "oidc-redirect-uri", "oidc-person-claim", "oidc-school-claim" ->
                        oidc.put(name.substring(5), value);
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        if (!database.startsWith("jdbc:h2:") && !database.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--database must be a jdbc:h2: or jdbc:postgresql: URL, not '"
                    + database + "'");
        }
        if (bind.isBlank()) {
            throw new IllegalArgumentException("--bind must not be empty");
        }
        List<String> addresses = announced == null ? d.announcedAddresses()
                : Arrays.stream(announced.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("--announced-addresses needs at least one address");
        }
        for (String address : addresses) {
            if (!address.matches("[0-9A-Fa-f.:]+")) {
                throw new IllegalArgumentException("--announced-addresses: '" + address
                        + "' is not an IP address");
            }
        }
        return new SankeOptions(bind,
                http == null ? d.httpPort() : port("--http-port", http),
                media == null ? d.mediaPort() : port("--media-port", media),
                addresses,
                loops == null ? d.mediaEventLoops() : number("--media-loops", loops, 1, 64),
                demo == null || !demo.equalsIgnoreCase("false"), database, databaseUser, databasePassword,
                modeStage(modeStage, modeCaps == null ? d.modePolicies() : modeCaps(modeCaps, d.modePolicies())),
                TransportOptions.parse(tls, tlsCertificate, tlsKey, allowedOrigins),
                AccessOptions.parse(grantKeyFile, env.get("SANKE_GRANT_KEYS"), seedTeacher,
                        env.get("SANKE_SEED_PASSWORD"), oidc), retention(auditDays, liveDays),
                textFilter(lexiconFile, textPolicy), pictures(pictureSeconds, pictureChecker),
                recordings(recording, recordingsDir));
    }

    /** "on" (the default) or "off", and the folder (default ./data/recordings). */
    static java.nio.file.Path recordings(String onOff, String folder) {
        if (onOff != null && !onOff.equals("on") && !onOff.equals("off")) {
            throw new IllegalArgumentException("--recording must be on or off, not '" + onOff + "'");
        }
        if ("off".equals(onOff)) {
            return null;
        }
        return folder == null || folder.isBlank() ? DEFAULT_RECORDINGS : java.nio.file.Path.of(folder.trim());
    }

    /** Seconds between pictures of each live video stream (0: none) and the checker's URL (null: none). */
    static SignalingConfig.PictureSettings pictures(String seconds, String checker) {
        SignalingConfig.PictureSettings d = SignalingConfig.PictureSettings.DEFAULT;
        java.time.Duration interval = seconds == null ? d.interval()
                : java.time.Duration.ofSeconds(number("--picture-seconds", seconds, 0, 3600));
        java.net.URI uri = null;
        if (checker != null && !checker.isBlank()) {
            try {
                uri = new java.net.URI(checker.trim());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("--picture-checker is not a URL: " + e.getMessage());
            }
        }
        if (uri != null && interval.isZero()) {
            throw new IllegalArgumentException("--picture-checker needs pictures: --picture-seconds must not be 0");
        }
        try {
            return new SignalingConfig.PictureSettings(interval, uri, d.checkerTimeout());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--picture-checker: " + e.getMessage());
        }
    }

    /** The retention options; one below its floor is refused, so the server does not start with it. */
    static Retention retention(String auditDays, String liveDays) {
        int audit = auditDays == null ? Retention.AUDIT_FLOOR_DAYS
                : number("--audit-retention-days", auditDays, 0, 36_500);
        int live = liveDays == null ? Retention.LIVE_RECORDS_FLOOR_DAYS
                : number("--live-records-retention-days", liveDays, 0, 36_500);
        try {
            return Retention.ofDays(audit, live);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((audit < Retention.AUDIT_FLOOR_DAYS ? "--audit-retention-days"
                    : "--live-records-retention-days") + " is refused: " + e.getMessage());
        }
    }

    /** The lexicon file (null or blank: the bundled list) and "block" or "mask" (null: block). */
    static SignalingConfig.TextFilterSettings textFilter(String lexiconFile, String policy) {
        TextPolicy chosen = policy == null ? SignalingConfig.TextFilterSettings.DEFAULT.policy()
                : TextPolicy.fromOptionName(policy).orElseThrow(() -> new IllegalArgumentException(
                        "--text-filter must be block or mask, not '" + policy + "'"));
        return new SignalingConfig.TextFilterSettings(lexiconFile == null || lexiconFile.isBlank() ? null
                : java.nio.file.Path.of(lexiconFile.trim()), chosen);
    }

    /**
     * "master_teacher=observer,famous_school=observer+learner": the audience roles each named mode may bring on
     * stage ("MODE=" for none); modes not named keep theirs. Null text changes nothing.
     */
    static ModePolicies modeStage(String text, ModePolicies policies) {
        if (text == null) {
            return policies;
        }
        for (String item : text.split(",")) {
            int equals = item.indexOf('=');
            LessonMode mode = equals <= 0 ? null : LessonMode.fromWireName(item.substring(0, equals).trim())
                    .orElse(null);
            if (mode == null) {
                throw new IllegalArgumentException("--mode-stage: '" + item.trim() + "' is not MODE=ROLE+ROLE with"
                        + " MODE dedicated, master_teacher or famous_school");
            }
            java.util.Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
            for (String name : item.substring(equals + 1).split("\\+")) {
                if (name.isBlank()) {
                    continue;
                }
                roles.add(Role.fromWireName(name.trim()).orElseThrow(() -> new IllegalArgumentException(
                        "--mode-stage: '" + name.trim() + "' is not a role")));
            }
            ModePolicy current = policies.of(mode);
            if (!current.audienceRoles().containsAll(roles)) {
                throw new IllegalArgumentException("--mode-stage: a " + mode.wireName() + " lesson's audience is "
                        + current.audienceRoles().stream().map(Role::wireName).sorted().toList()
                        + "; only those can be brought on stage");
            }
            policies = policies.with(mode, new ModePolicy(current.maxClassrooms(), current.maxAudience(),
                    current.audienceRoles(), roles));
        }
        return policies;
    }

    /** "dedicated=6/0,famous_school=30/10000": classrooms/audience per mode; modes not named keep their caps. */
    static ModePolicies modeCaps(String text, ModePolicies defaults) {
        ModePolicies policies = defaults;
        for (String item : text.split(",")) {
            String[] modeAndCaps = item.trim().split("=");
            String[] caps = modeAndCaps.length == 2 ? modeAndCaps[1].split("/") : new String[0];
            LessonMode mode = modeAndCaps.length == 2 ? LessonMode.fromWireName(modeAndCaps[0].trim()).orElse(null)
                    : null;
            if (mode == null || caps.length != 2) {
                throw new IllegalArgumentException("--mode-caps: '" + item.trim() + "' is not MODE=CLASSROOMS/AUDIENCE"
                        + " with MODE dedicated, master_teacher or famous_school");
            }
            ModePolicy current = policies.of(mode);
            policies = policies.with(mode, new ModePolicy(number("--mode-caps", caps[0], 0, 1000),
                    number("--mode-caps", caps[1], 0, 100_000), current.audienceRoles(),
                    current.stageRoles()));
        }
        return policies;
    }

    private static int port(String option, String value) {
        return number(option, value, 0, 65535);
    }

    private static int number(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a number from " + min + " to " + max + ", not '"
                + value + "'");
    }

    /** Thrown by {@link #parse} for --help. */
    public static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help", null, false, false);
        }
    }
}
