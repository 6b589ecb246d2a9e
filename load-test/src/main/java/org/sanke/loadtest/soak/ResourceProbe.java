package org.sanke.loadtest.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sanke.loadtest.ServerHttp;

/**
 * Reads the server's resources from its /metrics text. Open files come from /proc/PID/fd when the server does not
 * export them and its process id is known (the same machine).
 */
final class ResourceProbe {
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final ServerHttp api;
    private final long serverPid;

    /** @param serverPid the server's process id; 0 when unknown */
    ResourceProbe(ServerHttp api, long serverPid) {
        this.api = api;
        this.serverPid = serverPid;
    }

    ResourceReading read() {
        return parse(api.metricsText(), serverPid);
    }

    static ResourceReading parse(String metricsText, long serverPid) {
        Map<Resource, Double> values = new EnumMap<>(Resource.class);
        for (Resource resource : Resource.values()) {
            double raw = sum(metricsText, resource);
            if (Double.isNaN(raw) && resource == Resource.OPEN_FILES && serverPid != 0) {
                raw = openFiles(serverPid);
            }
            if (raw == 0 && resource == Resource.HEAP_LIVE) {
                raw = Double.NaN; // no old-generation collection has measured it yet
            }
            values.put(resource, resource.shown(raw));
        }
        return new ResourceReading(values);
    }

    /** The sum of the resource's series (those with its label value, when it has one); NaN when there are none. */
    static double sum(String metricsText, Resource resource) {
        double sum = 0;
        boolean found = false;
        for (String line : metricsText.split("\n")) {
            if (!line.startsWith(resource.metric)) {
                continue;
            }
            String rest = line.substring(resource.metric.length());
            String labels = "";
            if (rest.startsWith("{")) {
                int end = rest.lastIndexOf('}');
                if (end < 0) {
                    continue;
                }
                labels = rest.substring(1, end);
                rest = rest.substring(end + 1);
            }
            if (!rest.startsWith(" ") || (resource.labelName != null
                    && !resource.labelValue.equals(label(labels, resource.labelName)))) {
                continue; // another metric whose name starts with this one's, or another label value
            }
            String[] fields = rest.trim().split("\\s+");
            try {
                double value = Double.parseDouble(fields[0]);
                if (!Double.isNaN(value)) {
                    sum += value;
                    found = true;
                }
            } catch (NumberFormatException ignored) {
                // not a sample line
            }
        }
        return found ? sum : Double.NaN;
    }

    private static String label(String labels, String name) {
        Matcher m = LABEL.matcher(labels);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return null;
    }

    /** Entries of /proc/PID/fd; NaN when they cannot be listed (no such process, another user's). */
    static double openFiles(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException | SecurityException e) {
            return Double.NaN;
        }
    }
}
