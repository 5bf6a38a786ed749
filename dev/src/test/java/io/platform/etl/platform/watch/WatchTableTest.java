package io.platform.etl.platform.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WatchTableTest {

    @Test
    void rendersOneLinePerStageWithUnknownValuesAsDashes() {
        List<StageRow> rows = List.of(
                new StageRow("filter", null, OptionalDouble.of(50.04), OptionalDouble.of(33.35), 2, 0,
                        OptionalLong.of(0), OptionalLong.of(4), OptionalDouble.of(1.234)),
                new StageRow("deduplicate", null, OptionalDouble.empty(), OptionalDouble.empty(), 0, 0,
                        OptionalLong.empty(), OptionalLong.of(1), OptionalDouble.empty()),
                new StageRow("aggregate", null, OptionalDouble.of(1234.5), OptionalDouble.of(0), 0, 17,
                        OptionalLong.of(12), OptionalLong.empty(), OptionalDouble.of(250.4)),
                StageRow.unreadable("enrich", "down", OptionalLong.of(340)));

        assertThat(WatchTable.render(rows)).isEqualTo("""
                STAGE        IN/s  OUT/s  DLQ  LATE  LAG  RULES  P99 ms
                -----------  ----  -----  ---  ----  ---  -----  ------
                filter       50.0  33.4   2    0     0    v4     1.2
                deduplicate  -     -      0    0     -    v1     -
                aggregate    1235  0.0    0    17    12   -      250
                enrich       down                    340
                """);
    }

    @Test
    void redrawReturnsHomeClearsEachLineEndAndWhatIsBelow() {
        assertThat(Terminal.redraw("a\nbb\n")).isEqualTo("\033[Ha\033[K\nbb\033[K\n\033[J");
    }
}
