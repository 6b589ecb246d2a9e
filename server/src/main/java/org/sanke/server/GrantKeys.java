package org.sanke.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.sanke.classroom.access.JoinGrants;

/**
 * The keys that sign join grants: from the environment, else from a file under the data directory, made with one
 * fresh key at first start (readable by the server's user only). To rotate, put a new key on the first line and
 * keep the old one below it until the grants it signed have expired (a day at most).
 */
final class GrantKeys {
    private GrantKeys() {
    }

    /** @throws InvalidOptionException naming the source when a key is unusable */
    static List<byte[]> load(AccessOptions options) throws IOException, InvalidOptionException {
        if (options.grantKeys() != null) {
            return decode(List.of(options.grantKeys().split(",")), "SANKE_GRANT_KEYS");
        }
        Path file = options.grantKeyFile();
        if (!Files.exists(file)) {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(JoinGrants.newKey()) + "\n",
                    StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its own rules apply
            }
        }
        return decode(Files.readAllLines(file, StandardCharsets.US_ASCII), file.toString());
    }

    private static List<byte[]> decode(List<String> lines, String source) throws InvalidOptionException {
        List<byte[]> keys = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(line.trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException(source + ": a grant key is one line of Base64", e);
            }
            if (key.length < 32) {
                throw new InvalidOptionException(source + ": a grant key has at least 32 bytes (256 bits)", null);
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new InvalidOptionException(source + " holds no grant key", null);
        }
        return keys;
    }
}
