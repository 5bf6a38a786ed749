package io.platform.etl.model.spec;

import io.platform.etl.model.json.Cursor;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Small typed reads with range checks shared by the spec readers. */
final class SpecChecks {

    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");

    private SpecChecks() {
    }

    /** One of a fixed set of names; error {@code unknown <what> "x"}. */
    static String oneOf(Cursor c, String what, Collection<String> allowed, String fallback) {
        return c.named(what, s -> allowed.contains(s) ? Optional.of(s) : Optional.empty()).orElse(fallback);
    }

    static Integer atLeast(Cursor c, int min, Integer fallback) {
        Optional<Integer> value = c.intValue();
        if (value.isPresent() && value.get() < min) {
            c.error("must be at least " + min + ", was " + value.get());
        }
        return value.orElse(fallback);
    }

    static Long atLeast(Cursor c, long min) {
        Optional<Long> value = c.longValue();
        if (value.isPresent() && value.get() < min) {
            c.error("must be at least " + min + ", was " + value.get());
        }
        return value.orElse(null);
    }

    static Duration positive(Cursor c, Duration fallback) {
        Optional<Duration> value = c.duration();
        if (value.isPresent() && value.get().isZero()) {
            c.error("must be positive");
        }
        return value.orElse(fallback);
    }

    static boolean flag(Cursor c, boolean fallback) {
        return c.bool().orElse(fallback);
    }

    /** A Kubernetes resource quantity such as {@code 300m} or {@code 1.5Gi}. */
    static String quantity(Cursor c) {
        Optional<String> value = c.text();
        if (value.isPresent() && !QUANTITY.matcher(value.get()).matches()) {
            c.error("not a resource quantity (\"" + value.get() + "\")");
        }
        return value.orElse(null);
    }

    /** A required non-empty list of non-blank strings. */
    static List<String> requiredNames(Cursor c) {
        if (!c.require()) {
            return List.of();
        }
        List<String> values = c.textList();
        if (values != null && values.isEmpty() && c.node().isArray()) {
            c.error("must not be empty");
        }
        return values == null ? List.of() : values;
    }
}
