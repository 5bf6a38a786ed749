package io.platform.etl.model.duration;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of the pipeline spec and the rule JSON: a whole number followed by a unit
 * ({@code ms}, {@code s}, {@code m}, {@code h}, {@code d}; lowercase), e.g. {@code "500ms"}, {@code "30s"},
 * {@code "300s"}, {@code "5m"}, {@code "2h"}, {@code "1d"}. Several parts may be combined ({@code "1h30m"}).
 * ISO-8601 ({@code "PT2H"}) is accepted as well. Negative values are not durations; zero is
 * ({@code "0s"}), callers decide whether it is allowed.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,18}(?:ms|s|m|h|d))+");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws DurationFormatException naming the text, when it is null, blank, or not in the syntax above
     */
    public static Duration parse(String text) {
        return tryParse(text).orElseThrow(() -> new DurationFormatException(String.valueOf(text)));
    }

    /** Parses a duration, empty when the text is not one. */
    public static Optional<Duration> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
            return parseIso(trimmed);
        }
        if (!WHOLE.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        try {
            Duration total = Duration.ZERO;
            Matcher matcher = PART.matcher(trimmed);
            while (matcher.find()) {
                total = total.plus(part(Long.parseLong(matcher.group(1)), matcher.group(2)));
            }
            return Optional.of(total);
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * The shortest exact text for a duration in the largest unit that divides it: 7200s → {@code "2h"},
     * 90m → {@code "90m"}, 1.5s → {@code "1500ms"}. Sub-millisecond or negative durations fall back to ISO-8601.
     */
    public static String format(Duration duration) {
        if (duration.isNegative() || duration.getNano() % 1_000_000 != 0) {
            return duration.toString();
        }
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.getNano() != 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.getSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private static Duration part(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalStateException("unit " + unit);
        };
    }

    private static Optional<Duration> parseIso(String text) {
        try {
            Duration duration = Duration.parse(text);
            return duration.isNegative() ? Optional.empty() : Optional.of(duration);
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
