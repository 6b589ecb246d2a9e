package org.sanke.classroom.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.Classroom;

/** A terminal is paired once with the code it shows; the credential reaches it once and never a link. */
class TerminalPairingTest {
    private final AccessFixture f = new AccessFixture();
    private final TerminalPairing pairing = new TerminalPairing(f.people, f.clock);

    @Test
    void theCodeOnTheScreenPairsTheRoomAndTheTerminalGetsItsCredentialOnce() {
        f.people.add(new Classroom("room-a", "s1", "Point A"));
        TerminalPairing.Started started = pairing.begin();
        assertThat(started.code()).matches("[0-9]{6}");
        assertThat(started.pairingId()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(pairing.poll(started.pairingId())).isInstanceOf(TerminalPairing.Poll.Waiting.class);

        assertThat(pairing.confirm("000000".equals(started.code()) ? "111111" : "000000", "room-a")).isFalse();
        assertThat(pairing.confirm(started.code(), "room-a")).isTrue();
        assertThat(pairing.confirm(started.code(), "room-a")).as("once").isFalse();
        TerminalPairing.Poll paired = pairing.poll(started.pairingId());
        assertThat(paired).isInstanceOf(TerminalPairing.Poll.Paired.class);
        String token = ((TerminalPairing.Poll.Paired) paired).deviceToken();
        assertThat(f.people.checkDeviceToken("room-a", token)).isTrue();
        assertThat(pairing.poll(started.pairingId())).as("handed out once")
                .isInstanceOf(TerminalPairing.Poll.Unknown.class);
        assertThat(pairing.poll("guessed")).isInstanceOf(TerminalPairing.Poll.Unknown.class);
    }

    @Test
    void aCodeLastsTenMinutesAndPendingPairingsAreBounded() {
        TerminalPairing.Started started = pairing.begin();
        f.clock.advance(TerminalPairing.WINDOW.plus(Duration.ofSeconds(1)));
        assertThat(pairing.confirm(started.code(), "room-a")).isFalse();
        assertThat(pairing.poll(started.pairingId())).isInstanceOf(TerminalPairing.Poll.Unknown.class);
        TerminalPairing.Started first = pairing.begin();
        for (int i = 0; i < TerminalPairing.MOST_PENDING; i++) {
            pairing.begin();
        }
        assertThat(pairing.poll(first.pairingId())).as("the oldest made room")
                .isInstanceOf(TerminalPairing.Poll.Unknown.class);
    }
}
