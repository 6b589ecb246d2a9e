package org.sanke.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.signaling.testing.NoBlockingOnEventLoops;

/**
 * A report from a lesson reaches the staff's queue with its context and the still frame the reporter saw (S14);
 * staff decide on it; a flood of reports and a frame that is not a small JPEG are refused; only staff read the queue.
 */
@NoBlockingOnEventLoops
class ReportsApiTest {
    private static SignalingServer server;
    private static LessonDirectory lessons;

    @BeforeAll
    static void start() throws Exception {
        lessons = new LessonDirectory();
        server = TestAccess.startWithoutMedia(lessons);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Joins; the joined reply is left as the socket's {@code joinedReply}. */
    private static WsClient joined(String lesson, String role, String name, String[] joinedReply) throws Exception {
        WsClient socket = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        socket.send("{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"" + role
                + "\",\"name\":\"" + name + "\"" + TestAccess.grantField(server.domain(), lesson, role, name) + "}");
        joinedReply[0] = socket.next();
        assertThat(joinedReply[0]).contains("\"type\":\"joined\"");
        return socket;
    }

    private static byte[] jpeg() throws Exception {
        BufferedImage image = new BufferedImage(64, 36, BufferedImage.TYPE_INT_RGB);
        image.setRGB(10, 10, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void aReportReachesTheStaffQueueWithItsStillFrame() throws Exception {
        String lesson = lessons.create("Open lesson", LessonMode.DEDICATED, 2).id();
        String[] reply = new String[1];
        WsClient teacher = joined(lesson, "teacher", "Teacher", reply);
        WsClient room = joined(lesson, "classroom", "Village", reply);
        Matcher teacherId = Pattern.compile("\"participantId\":\"(p[0-9a-f]+)\",\"role\":\"teacher\"")
                .matcher(reply[0]);
        assertThat(teacherId.find()).as(reply[0]).isTrue();
        String target = teacherId.group(1);
        byte[] frame = jpeg();
        room.send("{\"type\":\"report\",\"requestId\":2,\"kind\":\"stream\",\"participantId\":\"" + target
                + "\",\"reason\":\"不适宜的画面\",\"frame\":\"data:image/jpeg;base64,"
                + Base64.getEncoder().encodeToString(frame) + "\"}");
        assertThat(room.reply(2)).contains("\"type\":\"ok\"");
        room.send("{\"type\":\"report\",\"requestId\":3,\"kind\":\"stream\",\"participantId\":\"" + target
                + "\",\"reason\":\"x\",\"frame\":\"data:image/png;base64,AAAA\"}");
        assertThat(room.reply(3)).contains("invalid_field");
        for (int i = 4; i < 8; i++) {
            room.send("{\"type\":\"report\",\"requestId\":" + i + ",\"kind\":\"person\",\"participantId\":\""
                    + target + "\",\"reason\":\"again\"}");
            room.reply(i);
        }
        room.send("{\"type\":\"report\",\"requestId\":9,\"kind\":\"person\",\"participantId\":\"" + target
                + "\",\"reason\":\"flood\"}");
        assertThat(room.reply(9)).as("the sixth report in a minute").contains("too_many_messages");

        Person staff = new Person("u-report-staff", null, "Staff", PersonRole.SECURITY_ADMIN);
        server.domain().schools().add(staff);
        String cookie = TestAccess.cookie(server.domain(), staff);
        HttpResponse<String> queue = TestAccess.call(server, "GET", "/api/reports", null, cookie);
        assertThat(queue.body()).contains("不适宜的画面", "\"reporterName\":\"Village\"", "\"targetName\":\"Teacher\"",
                "\"lessonTitle\":\"Open lesson\"", "\"hasFrame\":true");
        String id = queue.body().replaceAll("(?s).*\"id\":\"(r[0-9a-f]+)\"[^}]*不适宜的画面.*", "$1");
        HttpResponse<byte[]> still = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.port() + "/api/reports/" + id + "/frame")).header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(still.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(still.body()).isEqualTo(frame);
        Person teacherPerson = new Person("u-report-teacher", null, "T", PersonRole.LEAD_TEACHER);
        server.domain().schools().add(teacherPerson);
        assertThat(TestAccess.call(server, "GET", "/api/reports", null, TestAccess.cookie(server.domain(),
                teacherPerson)).statusCode()).as("a teacher reads no reports").isEqualTo(403);
        assertThat(TestAccess.call(server, "POST", "/api/reports/" + id + "/decision",
                "{\"outcome\":\"acted\",\"note\":\"stream cut off\"}", cookie).body()).contains("\"outcome\":\"acted\"");
        assertThat(TestAccess.call(server, "GET", "/api/reports", null, cookie).body()).doesNotContain(id);
        teacher.close();
        room.close();
    }
}
