package org.sanke.classroom.moderation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks chat, questions and chosen names against the lexicon and applies the policy (S13): a text that hits a
 * word is blocked, or shown with the words masked by ＊. An operator's lexicon file is read again when it changes,
 * on this filter's own timer thread; a file that turns out broken leaves the previous lexicon in force.
 *
 * <p>Threads: {@link #screen} from any thread, at once (the matcher in force is swapped whole, never changed).
 * Logs never carry the texts or the words hit.
 */
public final class TextFilter implements AutoCloseable {
    public static final char MASK = '＊';
    private static final Logger LOG = LoggerFactory.getLogger(TextFilter.class);

    private final TextPolicy policy;
    /** The operator's file, or null for a fixed lexicon. */
    private final Path file;
    private volatile LexiconMatcher matcher;
    /** The version of the file last looked at (read or refused); guarded by this. */
    private Stamp seen;
    private boolean missingReported;
    private ScheduledExecutorService timer;

    private TextFilter(TextPolicy policy, Path file, LexiconMatcher matcher, Stamp seen) {
        this.policy = Objects.requireNonNull(policy);
        this.file = file;
        this.matcher = matcher;
        this.seen = seen;
    }

    /** A lexicon that never changes (the bundled one, tests). */
    public static TextFilter fixed(Lexicon lexicon, TextPolicy policy) {
        return new TextFilter(policy, null, LexiconMatcher.of(lexicon), null);
    }

    /** The operator's file, read now: a broken file fails here, at start. Call {@link #watchEvery} to follow it. */
    public static TextFilter fromFile(Path file, TextPolicy policy) throws Lexicon.Invalid {
        Stamp stamp;
        try {
            stamp = Stamp.of(file);
        } catch (IOException e) {
            throw new Lexicon.Invalid(file + ": cannot be read (" + e + ")", e);
        }
        Lexicon lexicon = Lexicon.read(file);
        LOG.info("lexicon {}: {} words", file, lexicon.size());
        return new TextFilter(policy, file, LexiconMatcher.of(lexicon), stamp);
    }

    /** Looks at the file every {@code period}, on a daemon thread of its own, until closed. No-op without a file. */
    public synchronized TextFilter watchEvery(Duration period) {
        if (file != null && timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "sanke-lexicon");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(() -> {
                try {
                    reloadIfChanged();
                } catch (RuntimeException e) {
                    // a failure must not end the schedule: the next look may succeed
                    LOG.warn("lexicon {}: checking for changes failed", file, e);
                }
            }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * Reads the file again if it changed since last looked at; true when a new lexicon took effect. A broken or
     * missing file is logged once per version and the lexicon in force stays.
     */
    public synchronized boolean reloadIfChanged() {
        if (file == null) {
            return false;
        }
        Stamp now;
        try {
            now = Stamp.of(file);
        } catch (IOException e) {
            if (!missingReported) {
                LOG.warn("lexicon {} cannot be read ({}); the {} words in force stay", file, e, words());
                missingReported = true;
            }
            seen = null;
            return false;
        }
        missingReported = false;
        if (now.equals(seen)) {
            return false;
        }
        seen = now;
        try {
            Lexicon lexicon = Lexicon.read(file);
            matcher = LexiconMatcher.of(lexicon);
            LOG.info("lexicon {} reloaded: {} words", file, lexicon.size());
            return true;
        } catch (Lexicon.Invalid e) {
            LOG.warn("lexicon {} not reloaded, the {} words in force stay: {}", file, words(), e.getMessage());
            return false;
        }
    }

    /** The verdict on one text (a chat message, a question, a name). */
    public Screening screen(String text) {
        List<LexiconMatcher.Span> spans = matcher.find(text);
        if (spans.isEmpty()) {
            return new Screening.Passed(text);
        }
        List<String> hits = new ArrayList<>(spans.size());
        for (LexiconMatcher.Span span : spans) {
            hits.add(text.substring(span.start(), span.end()));
        }
        if (policy == TextPolicy.BLOCK) {
            return new Screening.Blocked(hits);
        }
        char[] masked = text.toCharArray();
        for (LexiconMatcher.Span span : spans) {
            for (int i = span.start(); i < span.end(); i++) {
                masked[i] = MASK;
            }
        }
        return new Screening.Masked(new String(masked), hits);
    }

    public TextPolicy policy() {
        return policy;
    }

    /** How many words the lexicon in force has. */
    public int words() {
        return matcher.words();
    }

    /** Stops following the file. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** A file's version as the file system tells it; the key tells a replaced file (a rename over it) apart. */
    private record Stamp(FileTime modified, long size, Object key) {
        static Stamp of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        }
    }
}
