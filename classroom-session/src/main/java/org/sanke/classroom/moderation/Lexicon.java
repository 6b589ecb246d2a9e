package org.sanke.classroom.moderation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The words a platform does not allow: a UTF-8 text file, one word per line; blank lines and lines starting with
 * {@code #} are skipped. Separators inside a word are dropped ("sha bi" is "shabi"), since texts are matched with
 * them skipped. Pinyin entries are plain Latin words and hit as whole words.
 *
 * @param words distinct, in file order
 */
public record Lexicon(List<String> words) {
    /** A longer line is a mistake (two lines run together, a pasted paragraph), not a word. */
    public static final int MAX_WORD_LENGTH = 64;
    /** Larger files are refused: a lexicon is thousands of words, not megabytes. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final String BUNDLED = "/org/sanke/classroom/moderation/default-lexicon.txt";

    public Lexicon {
        words = List.copyOf(words);
    }

    /** Why a lexicon file cannot be used; the message names the file and, for a bad line, its number. */
    public static final class Invalid extends Exception {
        Invalid(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The small list shipped with Sanke, used when the operator names no file. */
    public static Lexicon bundled() {
        try (InputStream in = Lexicon.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the build");
            }
            return parse(decode(in.readAllBytes(), BUNDLED), BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Invalid e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Reads an operator's file. */
    public static Lexicon read(Path file) throws Invalid {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new Invalid(file + ": larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB", null);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Invalid(file + ": cannot be read (" + e + ")", e);
        }
        return parse(decode(bytes, file.toString()), file.toString());
    }

    /** @param source names the text in error messages */
    public static Lexicon parse(String text, String source) throws Invalid {
        Set<String> words = new LinkedHashSet<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String word = Separators.strip(line);
            if (word.chars().anyMatch(Character::isISOControl)) {
                throw new Invalid(source + " line " + (i + 1) + ": a control character", null);
            }
            if (word.chars().anyMatch(c -> Separators.isClauseMark((char) c))) {
                throw new Invalid(source + " line " + (i + 1) + ": a clause mark (，。、；：？！ , ; : ? !) ends a"
                        + " clause, and no word is matched across one", null);
            }
            if (word.isEmpty()) {
                throw new Invalid(source + " line " + (i + 1) + ": only separators, nothing to match", null);
            }
            if (word.length() > MAX_WORD_LENGTH) {
                throw new Invalid(source + " line " + (i + 1) + ": longer than " + MAX_WORD_LENGTH
                        + " characters", null);
            }
            words.add(word);
        }
        return new Lexicon(new ArrayList<>(words));
    }

    /** Strict UTF-8: a file in another encoding is refused rather than matched as mojibake. */
    private static String decode(byte[] bytes, String source) throws Invalid {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Invalid(source + ": not UTF-8 text (" + e.getMessage() + ")", e);
        }
    }

    public int size() {
        return words.size();
    }
}
