package io.platform.etl.platform.infra;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the lines of Keycloak's log that tell how its start goes (augmenting, realm import, started, errors) and
 * shortens them for the launcher's progress output; everything else stays in {@code .platform/logs/keycloak.log}.
 */
public final class KeycloakProgress {

    private static final Pattern LOG_LINE = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d [\\d:,.]+\\s+(\\w+)\\s+\\[[^\\]]*\\]\\s+\\([^)]*\\)\\s+(.*)$");
    private static final Pattern WORTH_SHOWING = Pattern.compile(
            "(?i)updating the configuration|configuration updated|import|started in|error|failed");
    private static final int MAX_LENGTH = 140;

    private KeycloakProgress() {
    }

    /** The line as the launcher shows it, or empty when it is not worth showing. */
    public static Optional<String> shown(String logLine) {
        Matcher m = LOG_LINE.matcher(logLine.strip());
        String level = m.matches() ? m.group(1) : "";
        String message = m.matches() ? m.group(2) : logLine.strip();
        if (message.isEmpty() || !(level.equals("ERROR") || WORTH_SHOWING.matcher(message).find())) {
            return Optional.empty();
        }
        String text = (level.isEmpty() || level.equals("INFO") ? "" : level + " ") + message;
        return Optional.of(text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH - 1) + "…" : text);
    }
}
