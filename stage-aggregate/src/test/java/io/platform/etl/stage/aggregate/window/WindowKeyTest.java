package io.platform.etl.stage.aggregate.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class WindowKeyTest {

    @Test
    void sortsKeysByWindowStartIncludingNegativeStartsThenByGroup() {
        byte[] a = "[\"a\"]".getBytes(StandardCharsets.UTF_8);
        byte[] b = "[\"b\"]".getBytes(StandardCharsets.UTF_8);
        List<Bytes> keys = new ArrayList<>(List.of(WindowKey.of(300_000, b), WindowKey.of(-300_000, a),
                WindowKey.of(0, b), WindowKey.of(300_000, a), WindowKey.of(Long.MAX_VALUE - 5, a)));
        Collections.sort(keys);
        assertThat(keys).extracting(WindowKey::windowStart)
                .containsExactly(-300_000L, 0L, 300_000L, 300_000L, Long.MAX_VALUE - 5);
        assertThat(new String(WindowKey.groupKey(keys.get(2)), StandardCharsets.UTF_8)).isEqualTo("[\"a\"]");
        assertThat(WindowKey.lowest(300_000)).isLessThan(keys.get(2));
        assertThat(WindowKey.lowest(300_001)).isGreaterThan(keys.get(3));
    }
}
