package org.sanke.signaling.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sanke.classroom.Role;
import org.sanke.media.api.MediaKind;
import org.sanke.media.api.Producer;
import org.sanke.recording.StillFrame;
import org.sanke.recording.StillFrameOptions;
import org.sanke.recording.StillFrameTrack;
import org.sanke.recording.StillFrames;
import org.sanke.recording.TrackSpec;
import org.sanke.recording.rtp.Codec;
import org.sanke.signaling.pictures.PictureChecker;
import org.sanke.signaling.pictures.PictureContext;
import org.sanke.signaling.pictures.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Still pictures of every live video stream: the inspectors' patrol wall shows them (S12) and the moderation hook
 * sends them to a checker (S15). Each video producer gets a tap that hands its packets to the still-frame sampler
 * (a copy on the media loop, nothing more); pictures come back on the sampler's decoder thread and are kept here,
 * the newest per stream. A checker's verdict is carried out on the lesson's own thread.
 */
public final class LessonPictures implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LessonPictures.class);

    /** One pictured stream and its newest picture. */
    public record Picture(String lessonId, String participantId, String displayName, Role role, String source,
                          byte[] jpeg, Instant at) {
    }

    private record Stream(LessonRoom room, Member publisher, String source, StillFrameTrack track,
                          java.util.concurrent.atomic.AtomicLong lastFlagNanos) {
    }

    /** A stream the checker keeps flagging files one report for staff per this time, not one per picture. */
    static final long FLAG_REPORT_INTERVAL_NANOS = 60_000_000_000L;

    private final StillFrames sampler;
    private final PictureChecker checker;
    private final Map<String, Map<String, Stream>> streamsByLesson = new ConcurrentHashMap<>();
    private final Map<String, Counter> checks = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    /**
     * @param options how often; null turns pictures off
     * @param checker where pictures are sent for a verdict, or null
     */
    public LessonPictures(StillFrameOptions options, PictureChecker checker, MeterRegistry registry) {
        this.sampler = options == null ? null : new StillFrames(options);
        this.checker = checker;
        this.registry = registry;
    }

    /** No pictures at all (tests, or pictures turned off). */
    public static LessonPictures off() {
        return new LessonPictures(null, null, null);
    }

    /** Starts picturing a new video producer; on the lesson's thread. */
    void watch(LessonRoom room, Member publisher, Producer producer) {
        if (sampler == null || producer.kind() != MediaKind.VIDEO) {
            return;
        }
        Codec codec;
        try {
            codec = Codec.fromEncodingName(producer.parameters().codec().name());
        } catch (IllegalArgumentException e) {
            return; // a codec the depacketisers do not know is not pictured
        }
        String lessonId = room.live().lesson().id();
        String source = publisher.source(producer);
        TrackSpec spec = new TrackSpec(lessonId + "/" + publisher.id() + "/" + source, codec,
                producer.parameters().codec().payloadType(), producer::requestKeyframe);
        Stream[] stream = new Stream[1];
        StillFrameTrack track = sampler.addTrack(spec, picture -> pictured(stream[0], picture));
        stream[0] = new Stream(room, publisher, source, track,
                new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - FLAG_REPORT_INTERVAL_NANOS));
        streamsByLesson.computeIfAbsent(lessonId, id -> new ConcurrentHashMap<>()).put(producer.id(), stream[0]);
        producer.addTap(TrackTaps.into(track::offer, () -> {
            track.end();
            Map<String, Stream> streams = streamsByLesson.get(lessonId);
            if (streams != null) {
                streams.remove(producer.id());
                streamsByLesson.remove(lessonId, Map.of());
            }
        }));
    }

    /** The newest picture of each live stream of a lesson, the teacher's first, then by name. */
    public List<Picture> pictures(String lessonId) {
        Map<String, Stream> streams = streamsByLesson.getOrDefault(lessonId, Map.of());
        return streams.values().stream().filter(s -> s.track().latest() != null).map(s -> picture(lessonId, s))
                .sorted(Comparator.comparing((Picture p) -> p.role() != Role.TEACHER)
                        .thenComparing(p -> !"camera".equals(p.source())).thenComparing(Picture::displayName))
                .toList();
    }

    /** The lesson's main picture for a patrol tile: the teacher's camera if pictured, else whatever is. */
    public Optional<Picture> mainPicture(String lessonId) {
        return pictures(lessonId).stream().findFirst();
    }

    private static Picture picture(String lessonId, Stream s) {
        StillFrame frame = s.track().latest();
        return new Picture(lessonId, s.publisher().id(), s.publisher().participant.displayName(),
                s.publisher().participant.role(), s.source(), frame.jpeg(), frame.at());
    }

    /** A new picture, on the decoder thread: kept by the track; sent to the checker if there is one. */
    private void pictured(Stream stream, StillFrame frame) {
        if (checker == null || stream == null) {
            return;
        }
        LessonRoom room = stream.room();
        Member publisher = stream.publisher();
        PictureContext context = new PictureContext(room.live().lesson().id(), room.live().lesson().title(),
                room.live().lesson().mode().wireName(), publisher.id(), publisher.participant.displayName(),
                publisher.participant.role().wireName(), stream.source(), frame.at());
        checker.check(context, frame.jpeg()).whenComplete((verdict, failure) -> {
            if (failure != null) {
                count("error");
                log.warn("no verdict on a picture of lesson {}: {}", context.lessonId(), failure.toString());
                return;
            }
            count(verdict.action().wireName());
            if (verdict.action() == Verdict.Action.FLAG && !flagDue(stream)) {
                return;
            }
            if (verdict.action() != Verdict.Action.PASS) {
                room.loop().execute(() -> room.controls().pictureJudged(publisher, stream.source(), verdict,
                        frame.jpeg()));
            }
        });
    }

    private static boolean flagDue(Stream stream) {
        long now = System.nanoTime();
        long last = stream.lastFlagNanos().get();
        return now - last >= FLAG_REPORT_INTERVAL_NANOS && stream.lastFlagNanos().compareAndSet(last, now);
    }

    private void count(String outcome) {
        if (registry != null) {
            checks.computeIfAbsent(outcome, o -> Counter.builder("sanke.safety.picture.checks")
                    .description("Pictures of live streams judged by the moderation hook's checker, by outcome")
                    .tag("outcome", o).register(registry)).increment();
        }
    }

    /** Pictures made and decodings that failed, for tests and metrics. */
    public long picturesMade() {
        return sampler == null ? 0 : sampler.pictures();
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.close();
        }
        if (checker != null) {
            checker.close();
        }
    }
}
