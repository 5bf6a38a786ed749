package io.platform.etl.stage.dedupe.state;

import static io.platform.etl.stage.dedupe.state.Keys.key;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExactSeenKeysTest extends SeenKeysContractTest<MapStore> {

    @Override
    MapStore newStore() {
        return new MapStore();
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
    void returnsThePositionOfTheCopyThatPassed() {
        SeenKeys seen = create(store);
        seen.add(key(1), T0, 42L << 48 | 1234, sizing());

        assertThat(seen.find(key(1), T0 + 5, WINDOW)).isEqualTo(42L << 48 | 1234);
    }

    @Test
    void doesNotFindAKeyFromFurtherBackThanTheWindowEvenInANearBucket() {
        SeenKeys seen = create(store);
        seen.add(key(1), T0, 1, sizing());

        assertThat(seen.find(key(1), T0 + WINDOW, WINDOW)).isNull();
        assertThat(seen.find(key(1), T0 + WINDOW - 1, WINDOW)).isNotNull();
    }

    @Test
    void hasNoFalsePositiveOnAMillionUniqueKeys() {
        SeenKeys seen = create(store);
        int falsePositives = 0;
        for (long i = 0; i < 1_000_000; i++) {
            long time = T0 + i;
            if (seen.find(key(i), time, WINDOW) != null) {
                falsePositives++;
            }
            seen.add(key(i), time, i, sizing());
            if (i % 10_000 == 0) {
                seen.purge(time - WINDOW);
            }
        }
        assertThat(falsePositives).isZero();
    }

    @Test
    void keepsThirtyTwoBytesPerRetainedKey() {
        SeenKeys seen = create(store);
        for (long i = 0; i < 100_000; i++) {
            seen.add(key(i), T0 + i / 10, i, sizing());
        }
        double perKey = (double) store.bytes() / seen.retainedKeys();
        System.out.printf("exact: %.2f bytes per retained key (%d keys, %d bytes)%n", perKey, seen.retainedKeys(),
                store.bytes());
        assertThat(perKey).isLessThanOrEqualTo(32.01);
    }
}
