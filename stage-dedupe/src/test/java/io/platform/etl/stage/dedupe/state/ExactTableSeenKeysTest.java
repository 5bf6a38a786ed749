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
    void keepsTheZeroHashRemovedKeysAndTheirReturnThroughRehashes() {
        byte[] zero = entry(0, 0);
        store.put(zero, value(5, 50));
        assertThat(store.get(zero)).isEqualTo(value(5, 50));
        for (int i = 1; i <= 5_000; i++) {
            store.put(entry(i, i), value(i, i));
        }
        for (int i = 1; i <= 5_000; i += 2) {
            store.delete(entry(i, i));
        }
        // Every other key removed, then enough new ones to rehash past the removed slots twice.
        for (int i = 5_001; i <= 20_000; i++) {
            store.put(entry(i, i), value(i, i));
        }
        store.put(entry(3, 3), value(33, 33));
        store.delete(zero);
        assertThat(store.get(zero)).isNull();
        assertThat(store.get(entry(1, 1))).isNull();
        assertThat(store.get(entry(2, 2))).isEqualTo(value(2, 2));
        assertThat(store.get(entry(3, 3))).isEqualTo(value(33, 33));
        assertThat(store.get(entry(20_000, 20_000))).isEqualTo(value(20_000, 20_000));
        assertThat(store.approximateEntries()).isEqualTo(2_500 + 1 + 15_000);
        store.put(zero, value(6, 60));
        assertThat(store.approximateEntries()).isEqualTo(2_500 + 1 + 15_000 + 1);
    }

    private static byte[] entry(long hi, long lo) {
        return java.nio.ByteBuffer.allocate(20).putInt(7).putLong(hi).putLong(lo).array();
    }

    private static byte[] value(int time, long position) {
        return java.nio.ByteBuffer.allocate(12).putInt(time).putLong(position).array();
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
