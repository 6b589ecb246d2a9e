package org.sanke.media.packet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Reads the captured packets of src/test/resources/packets. */
final class Fixtures {
    private Fixtures() {
    }

    static String[] lines(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/packets/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] packet(String name) {
        return HexFormat.of().parseHex(lines(name)[0].trim());
    }
}
