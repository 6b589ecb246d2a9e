package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.School;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeServer;

/**
 * A family's rights over a pupil's data, on the personal-data page in Chromium (S39): the mother logs in, sees her
 * child's data, corrects the name and asks for deletion; the school's administrator refuses with a reason; the
 * mother reads the reason; the auditor, who changes nothing, sees both in the audit trail (S34).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PersonalDataBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(30);
    private static final String REASON = "The spring lesson series runs until June; we delete the data then.";

    @Test
    void aMotherCorrectsAndAsksToDeleteHerChildsDataAndReadsTheSchoolsReason() throws Exception {
        RequiredTool.requireChromium();
        server = SankeServer.start(TestLessons.onLoopback("records"));
        server.domain().schools().add(new School("hill", "Hill School"));
        server.domain().schools().add(new Person("pupil", "hill", "Xiao Ming", PersonRole.LEARNER));
        Person head = BrowserLogin.person(server, "head", "hill", PersonRole.SCHOOL_ADMIN, "head");
        Person mother = BrowserLogin.person(server, "mother", "hill", PersonRole.GUARDIAN, "mum");
        server.domain().access().records().linkGuardian(head, mother, "pupil");
        BrowserLogin.person(server, "auditor", null, PersonRole.AUDITOR, "auditor");

        BrowserPage mum = open("mother", "/records.html?lang=en");
        BrowserLogin.logIn(mum, "mum");
        mum.await("her own and her child's data", GUARD, p -> Boolean.TRUE.equals(p.script(
                "return document.querySelectorAll('.record').length === 2")));
        assertThat(mum.text(".record[data-person=pupil] h3")).contains("Xiao Ming", "learner");
        mum.script("const input = document.querySelector('.record[data-person=pupil] .correct input');"
                + " input.value = 'Li Xiaoming';");
        mum.click(".record[data-person=pupil] .correct button");
        mum.await("the corrected name", GUARD, p -> String.valueOf(p.text(".record[data-person=pupil] h3"))
                .contains("Li Xiaoming"));
        assertThat(server.domain().schools().person("pupil").orElseThrow().name()).isEqualTo("Li Xiaoming");
        mum.script("window.confirm = () => true;");
        mum.click(".record[data-person=pupil] .ask-deletion");
        mum.await("the request waiting", GUARD, p -> p.text(".record[data-person=pupil] .request.pending") != null);

        BrowserPage school = open("school administrator", "/records.html?lang=en");
        BrowserLogin.logIn(school, "head");
        school.await("the request to decide", GUARD, p -> p.text(".pending-request") != null);
        school.type(".pending-request .refuse input", REASON);
        school.click(".pending-request .refuse button");
        school.await("nothing left to decide", GUARD, p -> p.text(".pending-request") == null);
        assertThat(server.domain().schools().person("pupil")).as("a refusal deletes nothing").isPresent();

        mum.go(server.baseUrl() + "/records.html?lang=en");
        mum.await("the refusal with its reason", GUARD, p -> String.valueOf(
                p.text(".record[data-person=pupil] .request.refused")).contains(REASON));

        BrowserPage auditor = open("auditor", "/records.html?lang=en");
        BrowserLogin.logIn(auditor, "auditor");
        // Actions as people read them, never their codes.
        auditor.await("the trail", GUARD, p -> String.valueOf(p.text("#trail")).contains("Deletion refused"));
        assertThat(auditor.text("#trail")).contains("Deletion requested", "Personal data corrected")
                .doesNotContain("Xiao Ming", "deletion_refused");
        assertThat((Boolean) auditor.script("return document.getElementById('decisions').hidden")).isTrue();
    }
}
