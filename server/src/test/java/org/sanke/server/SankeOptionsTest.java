package org.sanke.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SankeOptionsTest {
    @Test
    void defaultsNeedNothing() {
        SankeOptions o = SankeOptions.parse(new String[0], Map.of());
        assertThat(o.httpPort()).isEqualTo(8080);
        assertThat(o.mediaPort()).isEqualTo(10000);
        assertThat(o.announcedAddresses()).containsExactly("127.0.0.1");
        assertThat(o.demoLesson()).isTrue();
        assertThat(o.databaseUrl()).isEqualTo("jdbc:h2:file:./data/sanke");
    }

    @Test
    void flagsWinOverEnvironment() {
        SankeOptions o = SankeOptions.parse(new String[] {"--http-port=9000", "--announced-addresses", "10.0.0.5, 10.0.0.6",
                "--no-demo"}, Map.of("SANKE_HTTP_PORT", "7000", "SANKE_MEDIA_PORT", "12000"));
        assertThat(o.httpPort()).isEqualTo(9000);
        assertThat(o.mediaPort()).isEqualTo(12000);
        assertThat(o.announcedAddresses()).isEqualTo(List.of("10.0.0.5", "10.0.0.6"));
        assertThat(o.demoLesson()).isFalse();
    }

    @Test
    void modeCapsAreSetPerDeployment() {
        SankeOptions o = SankeOptions.parse(new String[] {"--mode-caps=dedicated=4/0, famous_school=30/10000"},
                Map.of());
        assertThat(o.modePolicies().of(org.sanke.classroom.LessonMode.DEDICATED).maxClassrooms()).isEqualTo(4);
        assertThat(o.modePolicies().of(org.sanke.classroom.LessonMode.FAMOUS_SCHOOL).maxAudience()).isEqualTo(10000);
        assertThat(o.modePolicies().of(org.sanke.classroom.LessonMode.MASTER_TEACHER).maxAudience())
                .as("not named: unchanged").isEqualTo(300);
    }

    @Test
    void whoMayTakeTheStageIsSetPerDeployment() {
        SankeOptions o = SankeOptions.parse(new String[] {"--mode-stage=famous_school=observer, master_teacher="},
                Map.of());
        assertThat(o.modePolicies().of(org.sanke.classroom.LessonMode.FAMOUS_SCHOOL).stageRoles())
                .containsExactly(org.sanke.classroom.Role.OBSERVER);
        assertThat(o.modePolicies().of(org.sanke.classroom.LessonMode.MASTER_TEACHER).stageRoles()).isEmpty();
        assertThat(SankeOptions.parse(new String[0], Map.of()).modePolicies()
                .of(org.sanke.classroom.LessonMode.MASTER_TEACHER).stageRoles())
                .as("default").containsExactly(org.sanke.classroom.Role.OBSERVER);
        assertThatThrownBy(() -> SankeOptions.parse(new String[] {"--mode-stage=dedicated=observer"}, Map.of()))
                .hasMessage("--mode-stage: a dedicated lesson's audience is []; only those can be brought on stage");
        assertThatThrownBy(() -> SankeOptions.parse(new String[0], Map.of("SANKE_MODE_STAGE", "master_teacher=pupil")))
                .hasMessage("--mode-stage: 'pupil' is not a role");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> SankeOptions.parse(new String[] {"--http-port=99999"}, Map.of()))
                .hasMessage("--http-port must be a number from 0 to 65535, not '99999'");
        assertThatThrownBy(() -> SankeOptions.parse(new String[] {"--media-port"}, Map.of()))
                .hasMessage("--media-port needs a value");
        assertThatThrownBy(() -> SankeOptions.parse(new String[] {"--colour=blue"}, Map.of()))
                .hasMessage("unknown option --colour");
        assertThatThrownBy(() -> SankeOptions.parse(new String[0], Map.of("SANKE_ANNOUNCED_ADDRESSES", "example.org")))
                .hasMessageContaining("is not an IP address");
        assertThatThrownBy(() -> SankeOptions.parse(new String[] {"--database=mysql://x"}, Map.of()))
                .hasMessage("--database must be a jdbc:h2: or jdbc:postgresql: URL, not 'mysql://x'");
        assertThatThrownBy(() -> SankeOptions.parse(new String[] {"--mode-caps=lecture=1/2"}, Map.of()))
                .hasMessageContaining("--mode-caps: 'lecture=1/2' is not MODE=CLASSROOMS/AUDIENCE");
        assertThatThrownBy(() -> SankeOptions.parse(new String[] {"--mode-caps=dedicated=6"}, Map.of()))
                .hasMessageContaining("is not MODE=CLASSROOMS/AUDIENCE");
        assertThatThrownBy(() -> SankeOptions.parse(new String[] {"--help"}, Map.of()))
                .isInstanceOf(SankeOptions.HelpRequested.class);
    }

    /** S23, S35: retention is at least six months for the audit trail and 60 days for live-content records. */
    @Test
    void retentionBelowItsFloorIsRefusedAtStart() {
        SankeOptions defaults = SankeOptions.parse(new String[0], Map.of());
        assertThat(defaults.retention().audit().toDays()).isEqualTo(180);
        assertThat(defaults.retention().liveRecords().toDays()).isEqualTo(60);
        SankeOptions longer = SankeOptions.parse(new String[] {"--audit-retention-days=365"},
                Map.of("SANKE_LIVE_RECORDS_RETENTION_DAYS", "90"));
        assertThat(longer.retention().audit().toDays()).isEqualTo(365);
        assertThat(longer.retention().liveRecords().toDays()).isEqualTo(90);
        assertThatThrownBy(() -> SankeOptions.parse(new String[] {"--audit-retention-days=90"}, Map.of()))
                .hasMessage("--audit-retention-days is refused: the audit trail is kept at least 180 days (six"
                        + " months, S23), not 90 days");
        assertThatThrownBy(() -> SankeOptions.parse(new String[0], Map.of("SANKE_LIVE_RECORDS_RETENTION_DAYS",
                "30"))).hasMessage("--live-records-retention-days is refused: live-content records are kept at"
                + " least 60 days (S35), not 30 days");
        assertThatThrownBy(() -> SankeOptions.parse(new String[] {"--audit-retention-days=half"}, Map.of()))
                .hasMessageContaining("--audit-retention-days must be a number");
    }
}
