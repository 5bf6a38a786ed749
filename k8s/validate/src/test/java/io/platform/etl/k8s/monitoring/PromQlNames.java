package io.platform.etl.k8s.monitoring;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a PromQL expression reads (not functions, keywords, label names or recording-rule names). */
final class PromQlNames {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

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
            boolean partOfWord = m.start() > 0 && Character.isLetterOrDigit(stripped.charAt(m.start() - 1));
            if (!partOfWord && !KEYWORDS.contains(token.toLowerCase()) && !token.contains(":")
                    && !(m.end() < stripped.length() && stripped.substring(m.end()).stripLeading().startsWith("("))) {
                names.add(token);
            }
        }
        return names;
    }
}
