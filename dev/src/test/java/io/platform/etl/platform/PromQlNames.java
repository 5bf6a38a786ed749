package io.platform.etl.platform;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: identifiers that are not functions, keywords, label names (inside
 * {@code {…}} or {@code by (…)}), durations, Grafana variables or recording-rule names (with a colon).
 */
final class PromQlNames {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

    private PromQlNames() {
    }

    static Set<String> in(String expr) {
        String stripped = expr.replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(stripped);
        while (m.find()) {
            String token = m.group();
            if (!KEYWORDS.contains(token.toLowerCase()) && !token.contains(":")) {
                names.add(token);
            }
        }
        return names;
    }
}
