package org.sanke.classroom.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.Role;
import org.sanke.classroom.SettableClock;

/** S3, S5: a join takes a grant this server signed, for this lesson and role, not expired, not withdrawn. */
class JoinGrantsTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T01:00:00Z"), ZoneOffset.UTC);
    private final byte[] key = JoinGrants.newKey();
    private final RevokedGrantStore revoked = RevokedGrantStore.inMemory();
    private final JoinGrants grants = new JoinGrants(List.of(key), revoked, clock);
    private final Person wang = new Person("u1", "s1", "王老师", PersonRole.LEAD_TEACHER);

    @Test
    void aPersonsGrantOpensItsLessonInItsRoleForFiveMinutes() {
        JoinGrants.Issued issued = grants.forPerson(wang, "math", Role.TEACHER);
        GrantCheck check = grants.check(issued.token(), "math", Role.TEACHER);
        assertThat(check).isInstanceOf(GrantCheck.Valid.class);
        JoinGrant grant = ((GrantCheck.Valid) check).grant();
        assertThat(grant.personId()).isEqualTo("u1");
        assertThat(grant.name()).isEqualTo("王老师");
        assertThat(grant.invitation()).isFalse();

        assertThat(reason(grants.check(issued.token(), "history", Role.TEACHER)))
                .isEqualTo(GrantCheck.Reason.NOT_FOR_THIS);
        assertThat(reason(grants.check(issued.token(), "math", Role.CLASSROOM)))
                .isEqualTo(GrantCheck.Reason.NOT_FOR_THIS);
        clock.advance(JoinGrants.PERSON_GRANT);
        assertThat(reason(grants.check(issued.token(), "math", Role.TEACHER))).isEqualTo(GrantCheck.Reason.EXPIRED);
    }

    @Test
    void anInvitationHasNoPersonAndIsWithdrawnForGoodEvenAcrossARestart() {
        JoinGrants.Issued invitation = grants.invitation("math", Role.CLASSROOM, Duration.ofHours(3));
        assertThat(invitation.grant().invitation()).isTrue();
        assertThat(grants.check(invitation.token(), "math", Role.CLASSROOM)).isInstanceOf(GrantCheck.Valid.class);

        grants.revoke(invitation.grant());
        assertThat(reason(grants.check(invitation.token(), "math", Role.CLASSROOM)))
                .isEqualTo(GrantCheck.Reason.REVOKED);
        JoinGrants restarted = new JoinGrants(List.of(key), revoked, clock);
        assertThat(reason(restarted.check(invitation.token(), "math", Role.CLASSROOM)))
                .isEqualTo(GrantCheck.Reason.REVOKED);
    }

    @Test
    void aPersonWhoSignsOutLosesEveryGrantIssuedSoFarButNotLaterOnes() {
        String before = grants.forPerson(wang, "math", Role.TEACHER).token();
        String invitation = grants.invitation("math", Role.CLASSROOM, Duration.ofHours(1)).token();
        clock.advance(Duration.ofSeconds(5));
        grants.revokeAllOf("u1");
        assertThat(reason(grants.check(before, "math", Role.TEACHER))).isEqualTo(GrantCheck.Reason.REVOKED);
        assertThat(grants.check(invitation, "math", Role.CLASSROOM)).as("nobody's").isInstanceOf(GrantCheck.Valid.class);
        clock.advance(Duration.ofMillis(20));
        String after = grants.forPerson(wang, "math", Role.TEACHER).token();
        assertThat(grants.check(after, "math", Role.TEACHER)).as("issued 20 ms after, within the same second")
                .isInstanceOf(GrantCheck.Valid.class);
    }

    @Test
    void anInvitationLastsAtMostADay() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> grants.invitation("math", Role.CLASSROOM, Duration.ofHours(25))))
                .hasMessageContaining("24 hours");
    }

    @Test
    void forgedTamperedUnsignedAndForeignGrantsAreRefused() throws Exception {
        String token = grants.forPerson(wang, "math", Role.TEACHER).token();
        String[] parts = token.split("\\.");

        JoinGrants otherServer = new JoinGrants(List.of(JoinGrants.newKey()), RevokedGrantStore.inMemory(), clock);
        assertThat(reason(otherServer.check(token, "math", Role.TEACHER))).isEqualTo(GrantCheck.Reason.FORGED);

        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"teacher\"", "\"inspector\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];
        assertThat(reason(grants.check(tampered, "math", Role.INSPECTOR))).isEqualTo(GrantCheck.Reason.FORGED);

        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("sanke").jwtID("x").claim("lesson", "math")
                .claim("role", "inspector").expirationTime(Date.from(clock.instant().plusSeconds(60))).build();
        String unsigned = new PlainJWT(new PlainHeader(), claims).serialize();
        assertThat(reason(grants.check(unsigned, "math", Role.INSPECTOR))).isEqualTo(GrantCheck.Reason.FORGED);

        SignedJWT ownKeyNoKid = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        ownKeyNoKid.sign(new MACSigner(JoinGrants.newKey()));
        assertThat(reason(grants.check(ownKeyNoKid.serialize(), "math", Role.INSPECTOR)))
                .isEqualTo(GrantCheck.Reason.FORGED);

        assertThat(reason(grants.check("not a grant", "math", Role.TEACHER))).isEqualTo(GrantCheck.Reason.FORGED);
        assertThat(reason(grants.check(null, "math", Role.TEACHER))).isEqualTo(GrantCheck.Reason.FORGED);
        assertThat(reason(grants.check(token + "x".repeat(3000), "math", Role.TEACHER)))
                .isEqualTo(GrantCheck.Reason.FORGED);
    }

    @Test
    void aRotatedKeyStillVerifiesTheGrantsItSigned() {
        String old = grants.forPerson(wang, "math", Role.TEACHER).token();
        JoinGrants rotated = new JoinGrants(List.of(JoinGrants.newKey(), key), revoked, clock);
        assertThat(rotated.check(old, "math", Role.TEACHER)).isInstanceOf(GrantCheck.Valid.class);
        String fresh = rotated.forPerson(wang, "math", Role.TEACHER).token();
        assertThat(reason(grants.check(fresh, "math", Role.TEACHER))).as("the old server lacks the new key")
                .isEqualTo(GrantCheck.Reason.FORGED);
    }

    private static GrantCheck.Reason reason(GrantCheck check) {
        return ((GrantCheck.Invalid) check).reason();
    }
}
