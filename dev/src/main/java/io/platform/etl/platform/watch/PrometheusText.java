package io.platform.etl.platform.watch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (version 0.0.4, what {@code /prometheus} serves): comment lines are
 * skipped, label values are unescaped, an optional timestamp after the value is ignored. A line it cannot read is
 * skipped rather than failing the whole scrape, so one odd meter never blanks the live view.
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    public static List<MetricSample> parse(String text) {
        List<MetricSample> samples = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(line(line));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                // skipped: see the class comment
            }
        }
        return samples;
    }

    static MetricSample line(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        String name = line.substring(0, i);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("no metric name");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        return new MetricSample(name, labels, number(rest[0]));
    }

    /** Reads {@code a="x",b="y"} up to the closing brace; returns the index after it. */
    private static int labels(String line, int i, Map<String, String> labels) {
        while (true) {
            while (line.charAt(i) == ' ' || line.charAt(i) == ',') {
                i++;
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).strip();
            i = eq + 1;
            if (line.charAt(i) != '"') {
                throw new IllegalArgumentException("label value not quoted");
            }
            StringBuilder value = new StringBuilder();
            for (i++; line.charAt(i) != '"'; i++) {
                char c = line.charAt(i);
                if (c == '\\') {
                    char next = line.charAt(++i);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
            i++;
        }
    }

    static double number(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
