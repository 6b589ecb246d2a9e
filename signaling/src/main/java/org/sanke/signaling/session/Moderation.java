package org.sanke.signaling.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.sanke.classroom.moderation.Screening;
import org.sanke.classroom.moderation.TextFilter;
import org.sanke.signaling.protocol.ProtocolError;

/**
 * What lessons do about what people write (S13) and how fast they write it (S38): the text filter, counted by what
 * was written and what became of it, and the count of requests refused for flooding. Thread-safe.
 */
public final class Moderation {
    /** What a text was. */
    enum Kind { CHAT, QUESTION, NAME }

    /** Which per-person limit refused a request. */
    enum Flood { TEXT, HAND }

    private final TextFilter filter;
    private final Map<Kind, Map<Screening.Outcome, Counter>> screened = new EnumMap<>(Kind.class);
    private final Map<Flood, Counter> floodRefused = new EnumMap<>(Flood.class);

    public Moderation(TextFilter filter, MeterRegistry registry) {
        this.filter = filter;
        for (Kind kind : Kind.values()) {
            Map<Screening.Outcome, Counter> byOutcome = new EnumMap<>(Screening.Outcome.class);
            for (Screening.Outcome outcome : Screening.Outcome.values()) {
                byOutcome.put(outcome, Counter.builder("sanke.moderation.texts")
                        .description("Chat messages, questions and chosen names checked against the lexicon, by"
                                + " outcome").tag("kind", tag(kind)).tag("outcome", tag(outcome))
                        .register(registry));
            }
            screened.put(kind, byOutcome);
        }
        for (Flood flood : Flood.values()) {
            floodRefused.put(flood, Counter.builder("sanke.signaling.flood.refused")
                    .description("Requests refused because their sender went over a per-person limit")
                    .tag("kind", tag(flood)).register(registry));
        }
    }

    /**
     * The text as others may see it (as written, or masked), counted; a blocked one is refused to its writer with
     * {@code name_refused} (a name) or {@code message_blocked}, and goes no further.
     */
    String screen(Kind kind, String text) throws ProtocolError {
        Screening verdict = filter.screen(text);
        screened.get(kind).get(verdict.outcome()).increment();
        if (verdict instanceof Screening.Blocked) {
            throw kind == Kind.NAME
                    ? new ProtocolError("name_refused", "the name has words this platform does not allow: choose"
                            + " another")
                    : new ProtocolError("message_blocked", "the message has words this platform does not allow;"
                            + " nobody else saw it");
        }
        return verdict.text();
    }

    void floodRefused(Flood kind) {
        floodRefused.get(kind).increment();
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
