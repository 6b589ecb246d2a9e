package org.sanke.server;

import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import org.sanke.media.MediaPortInUseException;
import org.sanke.signaling.HttpPortInUseException;
import org.sanke.signaling.tls.TlsIdentity;

/** Starts Sanke with options from flags and environment, prints where to go, and runs until stopped. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("verify-audit")) {
            System.exit(VerifyAuditCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(),
                    System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("picture-checker")) {
            System.exit(ReferencePictureChecker.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out,
                    System.err));
            return;
        }
        SankeOptions options;
        try {
            options = SankeOptions.parse(args, System.getenv());
        } catch (SankeOptions.HelpRequested help) {
            System.out.print(SankeOptions.USAGE);
            return;
        } catch (IllegalArgumentException bad) {
            System.err.println("sanke: " + bad.getMessage());
            System.err.print(SankeOptions.USAGE);
            System.exit(2);
            return;
        }
        SankeServer server;
        try {
            server = SankeServer.start(options);
        } catch (MediaPortInUseException e) {
            System.err.println("sanke: could not start: " + e.getMessage() + "; choose another with --media-port");
            System.exit(1);
            return;
        } catch (InvalidOptionException e) {
            System.err.println("sanke: " + e.getMessage());
            System.exit(2);
            return;
        } catch (HttpPortInUseException e) {
            System.err.println("sanke: could not start: " + e.getMessage() + "; choose another with --http-port");
            System.exit(1);
            return;
        } catch (Exception e) {
            System.err.println("sanke: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sanke-shutdown"));
        String base = server.baseUrl();
        System.out.println();
        System.out.println("Sanke is running. Media on UDP port " + server.mediaPort() + ", announced as "
                + String.join(", ", options.announcedAddresses()) + ".");
        server.demoLinks().ifPresent(demo -> {
            System.out.println("  Teacher page:    " + demo.teacher());
            System.out.println("  Classroom page:  " + demo.classroom());
            System.out.println("  (the demo links let anyone holding them in for a day; --no-demo leaves them out)");
        });
        server.setupLink().ifPresent(link -> {
            System.out.println("  First run: make the platform administrator (this link works once):");
            System.out.println("  Setup page:      " + link);
        });
        System.out.println("  Start page:      " + base + "/");
        System.out.println("  Health:          " + base + "/health");
        System.out.println("  Metrics:         " + base + "/metrics");
        server.generatedCertificate().ifPresent(Main::printHowToTrust);
        System.out.println("Stop with Ctrl+C.");
        stopped.await();
    }

    /** Browsers warn about a self-signed certificate until the machine trusts it: say which file and how. */
    private static void printHowToTrust(GeneratedCertificate.Kept kept) {
        TlsIdentity identity = kept.identity();
        System.out.println("HTTPS with a self-signed certificate " + (kept.made() ? "made now" : "kept") + " for "
                + String.join(", ", identity.subjectAlternativeNames()) + ", valid until "
                + identity.certificate().getNotAfter().toInstant().atZone(ZoneOffset.UTC).toLocalDate() + ":");
        System.out.println("  Certificate:     " + kept.certificateFile().toAbsolutePath());
        System.out.println("  SHA-256:         " + identity.sha256Fingerprint());
        System.out.println("  Browsers warn until they trust it: install that .pem as a trusted root certificate on the"
                + " school's machines,");
        System.out.println("  or give your own with --tls-cert and --tls-key, or put nginx in front"
                + " (docs/deployment.md).");
    }
}
