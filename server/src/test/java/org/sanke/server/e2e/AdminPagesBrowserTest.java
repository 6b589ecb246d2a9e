package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sanke.classroom.PersonRole;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;
import org.sanke.signaling.Domain;

/**
 * The administration page: nobody gets in without logging in, an administrator logs in with a password and sets
 * up her authenticator app, builds a timetable through the REST API and sees refusals; the report page reads.
 * S1 S2 S32.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AdminPagesBrowserTest {
    private static final Duration GUARD = Duration.ofSeconds(30);
    private SankeServer server;
    private BrowserPage admin;

    @AfterEach
    void tearDown() {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void submit(String form, String fill) {
        admin.script("const f = document.getElementById('" + form + "');" + fill
                + "f.requestSubmit();");
    }

    private String text(String id) {
        return (String) admin.script("return document.getElementById('" + id + "').textContent");
    }

    private void awaitText(String id, String expected) throws InterruptedException {
        admin.await(id + " to show " + expected, GUARD, p -> text(id).contains(expected));
    }

    @Test
    void anAdministratorSchedulesALessonAndSeesRefusals() throws Exception {
        RequiredTool.requireChromium();
        server = SankeServer.start(new SankeOptions("127.0.0.1", 0, 0, List.of("127.0.0.1"), 1, true,
                "jdbc:h2:mem:admin", "sa", ""));
        admin = BrowserPage.open("admin", server.baseUrl() + "/admin.html?lang=en");
        admin.await("the login page, since nobody is logged in", GUARD, p -> p.location().contains(
                "/login.html?next=%2Fadmin.html%3Flang%3Den"));
        BrowserLogin.person(server, "operator", null, PersonRole.PLATFORM_ADMIN, "operator");
        String secret = BrowserLogin.logIn(admin, "operator");
        assertThat(secret).as("an administrator must set up a second factor").isNotNull();
        admin.await("back on the admin page", GUARD, p -> p.location().endsWith("/admin.html?lang=en"));
        submit("school-form", "f.name.value = 'Chengdu No. 7';");
        awaitText("schools", "Chengdu No. 7");
        for (String room : List.of("Studio", "Point A")) {
            submit("classroom-form", "f.name.value = '" + room + "';");
            awaitText("classrooms", room);
        }
        assertThat(text("terminal-link")).contains("/terminal.html?classroom=", "&token=");
        submit("person-form", "f.name.value = 'Wang'; f.role.value = 'lead_teacher';");
        awaitText("people", "Wang (lead teacher)");

        String start = LocalDateTime.now(Domain.DEFAULT_ZONE).plusDays(2).withSecond(0).withNano(0).toString();
        String pick = "f.subject.value = 'Chinese'; f.start.value = '" + start + "';"
                + "f.sendingClassroomId.selectedIndex = [...f.sendingClassroomId.options].findIndex(o => o.text.endsWith('Studio'));"
                + "[...f.receivingClassroomIds.options].forEach(o => o.selected = o.text.endsWith('Point A'));";
        submit("timetable-form", pick);
        awaitText("timetable", "Chinese");
        submit("timetable-form", pick);
        awaitText("message", "Clash: Wang already has the lesson \"Chinese\" at");
        submit("timetable-form", pick.replace(start, "2020-01-01T10:00"));
        awaitText("message", "The start is wrong: it cannot be in the past");

        // Edits: a school renamed in place, the entry given another subject from now on, a spare room removed,
        // a room with lessons to come kept with the reason, and one search box over every list.
        admin.click("#schools li .edit");
        admin.script("const f = document.querySelector('#schools form'); f.name.value = 'Chengdu No. 7 Middle';"
                + " f.requestSubmit();");
        awaitText("schools", "Chengdu No. 7 Middle");
        admin.click("#timetable .edit");
        admin.await("the form filled with the entry", GUARD, p -> "Chinese".equals(p.script(
                "return document.getElementById('timetable-form').subject.value")));
        submit("timetable-form", "f.subject.value = 'Chinese reading';");
        awaitText("timetable", "Chinese reading");
        submit("classroom-form", "f.name.value = 'Spare room';");
        awaitText("classrooms", "Spare room");
        admin.script("window.confirm = () => true;");
        admin.script("[...document.querySelectorAll('#classrooms li')].find(li => li.textContent.includes('Spare'))"
                + ".querySelector('.remove').click()");
        admin.await("the spare room gone", GUARD, p -> !p.text("#classrooms").contains("Spare room"));
        admin.script("[...document.querySelectorAll('#classrooms li')].find(li => li.textContent.includes('Studio'))"
                + ".querySelector('.remove').click()");
        awaitText("message", "The timetable still has lessons to come");
        admin.script("const s = document.getElementById('search'); s.value = 'point';"
                + " s.dispatchEvent(new Event('input'));");
        assertThat(admin.script("return [...document.querySelectorAll('#classrooms li')].filter(li => !li.hidden)"
                + ".map(li => li.textContent.includes('Point A'))")).isEqualTo(List.of(true));
        admin.script("const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input'));");

        // Withdrawn before it is given: it leaves the timetable and its time is free again.
        admin.click("#timetable .withdraw");
        awaitText("message", "Taken off the timetable");
        admin.await("the timetable empty again", GUARD, p -> !String.valueOf(p.text("#timetable")).contains("Chinese"));
        pick = pick.replace("'Chinese'", "'Maths'");
        submit("timetable-form", pick);
        awaitText("timetable", "Maths");

        BrowserPage report = admin;
        admin.go(server.baseUrl() + "/report.html?lesson=demo&lang=en");
        {
            report.await("the report table", GUARD, p -> "Lesson report".equals(p.script(
                    "return document.querySelector('h1').textContent")));
            assertThat((String) report.script("return document.getElementById('csv').href"))
                    .endsWith("/api/lessons/demo/attendance?format=csv");
        }

        // Logging out ends the session: the admin page sends the browser back to the login page.
        admin.go(server.baseUrl() + "/admin.html?lang=en");
        admin.await("the admin page", GUARD, p -> p.location().endsWith("/admin.html?lang=en")
                && !p.text("#schools").isBlank());
        admin.click("#logout");
        admin.await("the login page after logging out", GUARD, p -> p.location().contains("/login.html"));
        admin.go(server.baseUrl() + "/admin.html?lang=en");
        admin.await("the login page again", GUARD, p -> p.location().contains("/login.html?next="));
    }
}
