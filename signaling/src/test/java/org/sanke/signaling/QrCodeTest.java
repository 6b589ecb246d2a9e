package org.sanke.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The QR code the login page shows for an authenticator app reads back as the otpauth URI it was made from. */
class QrCodeTest {
    private static final int QUIET_ZONE = 4;

    @Test
    void theImageDecodesToTheSameUri() throws Exception {
        String uri = "otpauth://totp/Sanke:wang?secret=JBSWY3DPEHPK3PXP&issuer=Sanke&algorithm=SHA1&digits=6&period=30";
        String url = QrCode.svgDataUrl(uri);
        assertThat(url).startsWith("data:image/svg+xml;base64,");
        String svg = new String(Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1)),
                StandardCharsets.UTF_8);
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(box.find()).isTrue();
        int size = Integer.parseInt(box.group(1)) - 2 * QUIET_ZONE;
        BitMatrix modules = new BitMatrix(size);
        Matcher dark = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(svg);
        int count = 0;
        while (dark.find()) {
            modules.set(Integer.parseInt(dark.group(1)) - QUIET_ZONE, Integer.parseInt(dark.group(2)) - QUIET_ZONE);
            count++;
        }
        assertThat(count).isPositive();
        assertThat(new Decoder().decode(modules).getText()).isEqualTo(uri);
    }
}
