package io.platform.etl.platform.watch;

import io.platform.etl.platform.health.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Renders the live view's rows as a plain-text table; a value not known yet is {@code -}. */
public final class WatchTable {

    static final List<String> HEADER = List.of("STAGE", "IN/s", "OUT/s", "DLQ", "LATE", "LAG", "RULES", "P99 ms");

    private WatchTable() {
    }

    public static String render(List<StageRow> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (StageRow r : rows) {
            if (r.problem() != null) {
                cells.add(List.of(r.stage(), r.problem(), "", "", "", count(r.lag()), "", ""));
            } else {
                cells.add(List.of(r.stage(), decimal(r.inPerSecond()), decimal(r.outPerSecond()),
                        Long.toString(r.deadLettered()), Long.toString(r.late()), count(r.lag()),
                        r.ruleVersion().isPresent() ? "v" + r.ruleVersion().getAsLong() : "-", decimal(r.p99Millis())));
            }
        }
        return TextTable.render(HEADER, cells);
    }

    static String decimal(OptionalDouble value) {
        if (value.isEmpty()) {
            return "-";
        }
        double v = value.getAsDouble();
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }

    static String count(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "-";
    }
}
