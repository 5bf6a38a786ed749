package io.platform.etl.model.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.duration.Durations;
import io.platform.etl.model.rules.RuleViolation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A position in a JSON/YAML tree with its path, used by the readers of rules and of the pipeline spec to
 * convert loosely typed trees into records while collecting every error with the path it occurred at
 * (instead of stopping at the first, as data binding does). Readers return what they could read; the
 * caller decides from {@link #errors()} whether the result may be used. Internal to this library.
 */
public final class Cursor {

    private final JsonNode node;
    private final String path;
    private final List<RuleViolation> errors;
    private final boolean strict;

    private Cursor(JsonNode node, String path, List<RuleViolation> errors, boolean strict) {
        this.node = node;
        this.path = path;
        this.errors = errors;
        this.strict = strict;
    }

    /** A root cursor over a YAML document: unquoted numbers and booleans read as text where text is expected. */
    public static Cursor root(JsonNode node, String rootPath) {
        return new Cursor(node, rootPath, new ArrayList<>(), false);
    }

    /** A root cursor over a JSON API body: where the contract says string, only a JSON string is accepted. */
    public static Cursor strictRoot(JsonNode node) {
        return new Cursor(node, "", new ArrayList<>(), true);
    }

    public String path() {
        return path;
    }

    /** The node, or null when absent. */
    public JsonNode node() {
        return node == null || node.isMissingNode() ? null : node;
    }

    /** Every error recorded through this cursor tree so far. */
    public List<RuleViolation> errors() {
        return errors;
    }

    /** True when the value is present and not JSON null. */
    public boolean isPresent() {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    public Cursor field(String name) {
        JsonNode child = node != null && node.isObject() ? node.get(name) : null;
        return new Cursor(child, path.isEmpty() ? name : path + "." + name, errors, strict);
    }

    public void error(String message) {
        errors.add(new RuleViolation(path, message));
    }

    /** Records {@code required} when absent or null; returns whether present. */
    public boolean require() {
        if (!isPresent()) {
            error("required");
            return false;
        }
        return true;
    }

    /** True when present and an object; records an error when present but of another type. */
    public boolean isObject() {
        if (!isPresent()) {
            return false;
        }
        if (!node.isObject()) {
            error("expected an object");
            return false;
        }
        return true;
    }

    /** Records {@code unknown field} for each key of this object not in {@code known}. */
    public void rejectUnknown(Collection<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                field(name).error("unknown field");
            }
        }
    }

    /** A scalar as text (YAML numbers and booleans read as their text); containers are an error. */
    public Optional<String> text() {
        if (!isPresent()) {
            return Optional.empty();
        }
        if (!node.isValueNode() || strict && !node.isTextual()) {
            error("expected a string");
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    /** Like {@link #text()} but records {@code required} when absent and rejects blank text. */
    public String requiredText() {
        if (!require()) {
            return null;
        }
        String text = text().orElse(null);
        if (text != null && text.isBlank()) {
            error("must not be blank");
            return null;
        }
        return text;
    }

    public Optional<Long> longValue() {
        if (!isPresent()) {
            return Optional.empty();
        }
        try {
            BigDecimal value = node.isNumber() ? node.decimalValue()
                    : node.isTextual() ? new BigDecimal(node.textValue().strip()) : null;
            if (value != null) {
                return Optional.of(value.longValueExact());
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        error("expected a whole number, was " + node);
        return Optional.empty();
    }

    public Optional<Integer> intValue() {
        return longValue().flatMap(v -> {
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                error("out of range: " + v);
                return Optional.empty();
            }
            return Optional.of(v.intValue());
        });
    }

    public Optional<Double> doubleValue() {
        if (!isPresent()) {
            return Optional.empty();
        }
        try {
            if (node.isNumber()) {
                return Optional.of(node.doubleValue());
            }
            if (node.isTextual()) {
                return Optional.of(Double.parseDouble(node.textValue().strip()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        error("expected a number, was " + node);
        return Optional.empty();
    }

    /** A boolean, also from the strings "true"/"false". */
    public Optional<Boolean> bool() {
        if (!isPresent()) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        if (node.isTextual() && ("true".equals(node.textValue()) || "false".equals(node.textValue()))) {
            return Optional.of(Boolean.parseBoolean(node.textValue()));
        }
        error("expected true or false, was " + node);
        return Optional.empty();
    }

    /** A duration such as "30s"; error {@code not a duration ("1hour")} otherwise. */
    public Optional<Duration> duration() {
        if (!isPresent()) {
            return Optional.empty();
        }
        String text = node.isValueNode() ? node.asText() : node.toString();
        Optional<Duration> parsed = node.isTextual() ? Durations.tryParse(text) : Optional.empty();
        if (parsed.isEmpty()) {
            error("not a duration (\"" + text + "\")");
        }
        return parsed;
    }

    /** A name looked up with {@code lookup}; error {@code unknown <what> "x"} otherwise. */
    public <T> Optional<T> named(String what, Function<String, Optional<T>> lookup) {
        Optional<String> text = text();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<T> value = lookup.apply(text.get());
        if (value.isEmpty()) {
            error("unknown " + what + " \"" + text.get() + "\"");
        }
        return value;
    }

    /** The elements of a list; absent gives an empty list, a non-list an error. */
    public List<Cursor> elements() {
        if (!isPresent()) {
            return List.of();
        }
        if (!node.isArray()) {
            error("expected a list");
            return List.of();
        }
        List<Cursor> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            elements.add(new Cursor(node.get(i), path + "[" + i + "]", errors, strict));
        }
        return elements;
    }

    /** A list of strings; absent gives null (so callers can tell absent from empty). */
    public List<String> textList() {
        if (!isPresent()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (Cursor element : elements()) {
            if (!element.isPresent()) {
                element.error("must not be null");
            } else {
                element.text().ifPresent(values::add);
            }
        }
        return values;
    }

    /**
     * Adds validation results of a value read through this cursor, skipping those whose path already got an
     * error since {@code since} (so an unreadable value is not reported twice).
     */
    public void addUnlessReported(int since, List<RuleViolation> violations) {
        List<RuleViolation> reported = List.copyOf(errors.subList(since, errors.size()));
        for (RuleViolation v : violations) {
            boolean dup = reported.stream().anyMatch(r -> r.field().equals(v.field()));
            if (!dup) {
                errors.add(v);
            }
        }
    }

    /** Number of errors recorded so far (to check whether a nested read was clean). */
    public int errorCount() {
        return errors.size();
    }
}
