package io.platform.etl.stage.dedupe.state;

import static io.platform.etl.stage.dedupe.state.Keys.key;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link ExactSeenKeys} on the stage's primitive tables ({@link ExactTableStore}): the same contract as on a map. */
class ExactTableSeenKeysTest extends SeenKeysContractTest<ExactTableStore> {

    @Override
    ExactTableStore newStore() {
        return new ExactTableStore();
    }

    @Override
    SeenKeys create(SortedStore store) {
        return new ExactSeenKeys(store, 4);
    }

    @Override
    double maxRetainedWindows() {
        return 1.25 + 0.02;
    }

    @Test
    void returnsThePositionOfTheCopyThatPassedAndTheLatestOfARewrite() {
        SeenKeys seen = create(store);
        seen.add(key(1), T0, 42L << 48 | 1234, sizing());
        seen.add(key(2), T0 + 1, 7, sizing());
        seen.add(key(2), T0 + 2, 8, sizing());

        assertThat(seen.find(key(1), T0 + 5, WINDOW)).isEqualTo(42L << 48 | 1234);
        assertThat(seen.find(key(2), T0 + 5, WINDOW)).isEqualTo(8L);
        assertThat(seen.retainedKeys()).isEqualTo(2);
    }

    @Test
    void hasNoFalsePositiveOnAMillionUniqueKeysAndKeepsThemInFewBytes() {
        SeenKeys seen = create(store);
        int falsePositives = 0;
        long maxBytesPerKey = 0;
        for (long i = 0; i < 1_000_000; i++) {
            long time = T0 + i / 10;
            if (seen.find(key(i), time, WINDOW * 1000) != null) {
                falsePositives++;
            }
            seen.add(key(i), time, i, new Sizing(WINDOW * 1000, 1_000_000, 0.001));
        }
        double perKey = (double) store.memoryBytes() / seen.retainedKeys();
        System.out.printf("exact on tables: %d keys, %.1f bytes of heap per key (arrays)%n", seen.retainedKeys(),
                perKey);
        assertThat(falsePositives).isZero();
        assertThat(seen.retainedKeys()).isEqualTo(1_000_000);
        // 28 bytes a slot, tables between 3/8 and 3/4 full.
        assertThat(perKey).isLessThanOrEqualTo(28 / 0.375);
        for (long i = 0; i < 1_000_000; i += 997) {
            assertThat(seen.find(key(i), T0 + i / 10, WINDOW * 1000)).isEqualTo(i);
        }
    }

    @Test
    void readsInKeyOrderLikeASortedMap() {
        MapStore map = new MapStore();
        SeenKeys onMap = create(map);
        SeenKeys onTables = create(store);
        for (long i = 0; i < 5_000; i++) {
            onMap.add(key(i), T0 + i * 37, i, sizing());
            onTables.add(key(i), T0 + i * 37, i, sizing());
        }
        java.util.List<String> fromMap = new java.util.ArrayList<>();
        java.util.List<String> fromTables = new java.util.ArrayList<>();
        map.forEach(new byte[0], null, e -> fromMap.add(java.util.HexFormat.of().formatHex(e.getKey())
                + java.util.HexFormat.of().formatHex(e.getValue())));
        store.forEach(new byte[0], null, e -> fromTables.add(java.util.HexFormat.of().formatHex(e.getKey())
                + java.util.HexFormat.of().formatHex(e.getValue())));
        assertThat(fromTables).isEqualTo(fromMap);
        assertThat(store.approximateEntries()).isEqualTo(map.approximateEntries());
    }
}
