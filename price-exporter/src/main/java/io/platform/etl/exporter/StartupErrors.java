package io.platform.etl.exporter;

import io.platform.etl.exporter.config.EnvironmentVariables;
import io.platform.etl.exporter.config.SettingsException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.lang3.exception.ExceptionUtils;

/** Turns a start or run failure into one clear line and an exit code. */
final class StartupErrors {

    record Diagnosis(ExitCode exitCode, String message) {
    }

    private static final Pattern CONVERSION =
            Pattern.compile("Error resolving property value \\[([^\\]]+)\\]\\.?\\s*([^\\n]*)");

    private static final String VIOLATIONS = "List of constraint violations:[";

    private StartupErrors() {
    }

    static Diagnosis diagnose(Throwable e, String jdbcUrl) {
        Optional<ConstraintViolationException> violations = find(e, ConstraintViolationException.class);
        if (violations.isPresent()) {
            return new Diagnosis(ExitCode.BAD_SETTINGS, "Invalid settings: " + violations.get().getConstraintViolations()
                    .stream().map(ConstraintViolation::getMessage).sorted().collect(Collectors.joining("; ")));
        }
        String text = messages(e);
        int list = text.indexOf(VIOLATIONS);
        if (list >= 0) {
            String body = text.substring(list + VIOLATIONS.length(), Math.max(list, text.indexOf(']', list)));
            return new Diagnosis(ExitCode.BAD_SETTINGS, "Invalid settings: " + body.lines().map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .map(l -> l.contains(" - ") ? l.substring(l.indexOf(" - ") + 3) : l)
                    .sorted().collect(Collectors.joining("; ")));
        }
        Matcher conversion = CONVERSION.matcher(text);
        if (conversion.find()) {
            String property = conversion.group(1);
            String variable = EnvironmentVariables.forProperty(property).orElse(property);
            return new Diagnosis(ExitCode.BAD_SETTINGS, "Invalid settings: " + variable + " (" + property + "): "
                    + conversion.group(2).strip());
        }
        Optional<SettingsException> settings = find(e, SettingsException.class);
        if (settings.isPresent()) {
            return new Diagnosis(ExitCode.BAD_SETTINGS, "Invalid settings: " + settings.get().getMessage());
        }
        Optional<io.platform.etl.exporter.run.LockUnavailableException> locked =
                find(e, io.platform.etl.exporter.run.LockUnavailableException.class);
        if (locked.isPresent()) {
            return new Diagnosis(ExitCode.LOCKED, locked.get().getMessage());
        }
        Optional<SQLException> sql = find(e, SQLException.class);
        if (sql.isPresent()) {
            return new Diagnosis(ExitCode.EXPORT_FAILED, "PostgreSQL error at " + jdbcUrl
                    + " (check DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD): " + rootMessage(sql.get()));
        }
        return new Diagnosis(ExitCode.EXPORT_FAILED, "Price export failed: " + rootMessage(e));
    }

    /** The messages of the whole cause chain, outermost first. */
    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t : ExceptionUtils.getThrowableList(e)) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = ExceptionUtils.getRootCause(e);
        return root == e ? String.valueOf(e.getMessage())
                : e.getMessage() + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static <T extends Throwable> Optional<T> find(Throwable e, Class<T> type) {
        return Optional.ofNullable(ExceptionUtils.throwableOfType(e, type));
    }
}
