package io.platform.etl.model.rules.filter;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The operand of the {@code regex} operator: RE2 syntax, matched by RE2/J in time linear in the input, so no
 * pattern can stall a stage thread or a preview (ADR 0206). Patterns RE2 cannot compile (backreferences,
 * lookaround) are refused, and so are patterns too long or whose counted repetitions expand into a program too
 * large to build ({@code ((a{1000}){1000}){1000}} would need gigabytes).
 */
public final class RegexOperand {

    /** Longest accepted pattern, in chars. */
    public static final int MAX_LENGTH = 1000;
    /** Largest accepted expansion: atoms after multiplying out counted repetitions ({@code a{3}} = 3). */
    public static final long MAX_EXPANSION = 10_000;

    private static final java.util.regex.Pattern REPEAT = java.util.regex.Pattern.compile("\\{(\\d+)(,(\\d*))?}");

    private RegexOperand() {
    }

    /** Compiles a pattern that {@link #problem(String)} accepted. */
    static Pattern compile(String regex) {
        return Pattern.compile(regex);
    }

    /** Why the pattern is refused, or empty when it compiles within the bounds. */
    public static Optional<String> problem(String regex) {
        if (regex.length() > MAX_LENGTH) {
            return Optional.of("regex longer than " + MAX_LENGTH + " characters");
        }
        long expansion = expansion(regex);
        if (expansion > MAX_EXPANSION) {
            return Optional.of("regex too large: its counted repetitions expand to more than " + MAX_EXPANSION
                    + " elements");
        }
        try {
            Pattern.compile(regex);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            String message = "bad regex: " + e.getDescription() + ": `" + e.getPattern() + "`";
            boolean unsupported = e.getDescription().contains("escape") || e.getDescription().contains("Perl");
            return Optional.of(unsupported
                    ? message + " (RE2 syntax: backreferences and lookaround are not supported)" : message);
        }
    }

    /**
     * An upper estimate of the compiled size: every atom counts 1, a group the sum of its atoms, {@code {n,m}}
     * multiplies the preceding atom by max(n, m). Never throws, also on invalid syntax (compiling reports that).
     */
    static long expansion(String regex) {
        Deque<long[]> frames = new ArrayDeque<>(); // {sum of earlier atoms, last atom}
        frames.push(new long[] {0, 0});
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            long[] top = frames.peek();
            switch (c) {
                case '\\' -> {
                    i = skipEscape(regex, i);
                    atom(top, 1);
                    continue;
                }
                case '[' -> {
                    i = skipClass(regex, i);
                    atom(top, 1);
                    continue;
                }
                case '(' -> frames.push(new long[] {0, 0});
                case ')' -> {
                    if (frames.size() > 1) {
                        long[] group = frames.pop();
                        atom(frames.peek(), capped(group[0] + group[1]));
                    }
                }
                case '|' -> atom(top, 0);
                case '{' -> {
                    Matcher m = REPEAT.matcher(regex).region(i, regex.length());
                    if (m.lookingAt()) {
                        long min = number(m.group(1));
                        long times = m.group(2) == null ? min // {n}
                                : m.group(3).isEmpty() ? min + 1 // {n,}: n copies and a loop
                                : Math.max(min, number(m.group(3))); // {n,m}
                        top[1] = capped(top[1] * Math.max(1, times));
                        i = m.end();
                        continue;
                    }
                    atom(top, 1);
                }
                case '*', '+', '?' -> {
                    // loops and options do not grow the program
                }
                default -> atom(top, 1);
            }
            i++;
        }
        long total = 0;
        for (long[] frame : frames) {
            total = capped(total + frame[0] + frame[1]);
        }
        return total;
    }

    private static void atom(long[] frame, long weight) {
        frame[0] = capped(frame[0] + frame[1]);
        frame[1] = weight;
    }

    private static int skipEscape(String regex, int i) {
        if (i + 1 >= regex.length()) {
            return regex.length();
        }
        char kind = regex.charAt(i + 1);
        if (kind == 'Q') {
            int end = regex.indexOf("\\E", i + 2);
            return end < 0 ? regex.length() : end + 2;
        }
        if ((kind == 'x' || kind == 'p' || kind == 'P') && i + 2 < regex.length() && regex.charAt(i + 2) == '{') {
            int end = regex.indexOf('}', i + 3);
            return end < 0 ? regex.length() : end + 1;
        }
        return i + 2;
    }

    private static int skipClass(String regex, int i) {
        int j = i + 1;
        if (j < regex.length() && regex.charAt(j) == '^') {
            j++;
        }
        if (j < regex.length() && regex.charAt(j) == ']') {
            j++;
        }
        while (j < regex.length()) {
            char c = regex.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == '[' && j + 1 < regex.length() && regex.charAt(j + 1) == ':') {
                int end = regex.indexOf(":]", j + 2);
                j = end < 0 ? j + 1 : end + 2;
            } else if (c == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return regex.length();
    }

    private static long number(String digits) {
        return digits.length() > 7 ? MAX_EXPANSION + 1 : Long.parseLong(digits);
    }

    private static long capped(long value) {
        return Math.min(value, MAX_EXPANSION + 1);
    }
}
