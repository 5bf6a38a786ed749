package io.platform.etl.stage.dedupe.engine;

import static io.platform.etl.stage.dedupe.state.Keys.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.model.rules.dedupe.DedupeAlgorithm;
import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.stage.dedupe.state.BloomKeyLog;
import io.platform.etl.stage.dedupe.state.BloomSeenKeys;
import io.platform.etl.stage.dedupe.state.ExactSeenKeys;
import io.platform.etl.stage.dedupe.state.MapStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {

    private static final long T0 = 1_714_557_600_000L;
    private static final long HOUR = 3_600_000;
    private static final long LATENESS = 60_000;
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final MapStore exactStore = new MapStore();
    private final ExactSeenKeys exact = new ExactSeenKeys(exactStore, 4);
    private final BloomSeenKeys bloom = new BloomSeenKeys(new MapStore(), discarding(), 1);
    private final Deduplicator deduplicator = new Deduplicator(exact, bloom, LATENESS, 1);

    private static BloomKeyLog discarding() {
        BloomKeyLog log = new BloomKeyLog((byte) 'K');
        log.sink((key, value) -> { });
        return log;
    }

    private static DedupeRules rules(DedupeAlgorithm algorithm, Duration window) {
        return DedupeRules.compile(DeduplicationConfig.of(List.of("event_id")).withAlgorithm(algorithm)
                .withWindowSize(window));
    }

    private static final DedupeRules EXACT = rules(DedupeAlgorithm.EXACT, Duration.ofHours(1));
    private static final DedupeRules BLOOM = rules(DedupeAlgorithm.BLOOM_FILTER, Duration.ofHours(1));

    @Test
    void dropsRecordWhenKeySeenInsideWindow() {
        assertThat(deduplicator.decide(key(1), T0, 1, UNKNOWN, EXACT)).isEqualTo(Verdict.PASSED);
        assertThat(deduplicator.decide(key(1), T0 + HOUR - 1, 2, UNKNOWN, EXACT)).isEqualTo(Verdict.DUPLICATE);
        assertThat(deduplicator.decide(key(2), T0, 3, UNKNOWN, EXACT)).isEqualTo(Verdict.PASSED);
    }

    @Test
    void passesRecordWhenKeyWasSeenAWindowOrMoreEarlierAndRemembersItAgain() {
        deduplicator.decide(key(1), T0, 1, UNKNOWN, EXACT);
        assertThat(deduplicator.decide(key(1), T0 + HOUR, 2, UNKNOWN, EXACT)).isEqualTo(Verdict.PASSED);
        assertThat(deduplicator.decide(key(1), T0 + HOUR + 10, 3, UNKNOWN, EXACT)).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void dropsAnEarlierCopyThatArrivesLater() {
        deduplicator.decide(key(1), T0 + 30 * 60_000, 1, UNKNOWN, EXACT);
        assertThat(deduplicator.decide(key(1), T0, 2, T0 + 30 * 60_000, EXACT)).isEqualTo(Verdict.EXPIRED);
        assertThat(deduplicator.decide(key(1), T0 + 29 * 60_000 + 1, 2, T0 + 30 * 60_000, EXACT))
                .isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void passesTheCopyThatPassedAgainWhenItIsReplayed() {
        long position = 3L << 48 | 77;
        deduplicator.decide(key(1), T0, position, UNKNOWN, EXACT);
        assertThat(deduplicator.decide(key(1), T0, position, UNKNOWN, EXACT)).isEqualTo(Verdict.REPLAYED);
        assertThat(deduplicator.decide(key(1), T0, position + 1, UNKNOWN, EXACT)).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void expiresRecordsBehindTheWatermarkByMoreThanTheAllowedLateness() {
        long watermark = T0 + 2 * HOUR;
        assertThat(deduplicator.decide(key(1), watermark - LATENESS - 1, 1, watermark, EXACT))
                .isEqualTo(Verdict.EXPIRED);
        assertThat(deduplicator.decide(key(1), watermark - LATENESS, 1, watermark, EXACT)).isEqualTo(Verdict.PASSED);
    }

    @Test
    void purgesWithTheWatermarkOnlyWhatNoJudgeableRecordCanMatch() {
        deduplicator.decide(key(1), T0, 1, UNKNOWN, EXACT);
        long watermark = T0 + HOUR + LATENESS;
        // Horizon = T0 + 1h: a record at the horizon is still within the window of nothing at T0 (strict < window).
        assertThat(deduplicator.decide(key(2), watermark, 2, watermark, EXACT)).isEqualTo(Verdict.PASSED);
        assertThat(deduplicator.decide(key(1), T0 + HOUR, 3, watermark, EXACT)).isEqualTo(Verdict.PASSED);
        long later = T0 + 3 * HOUR;
        deduplicator.decide(key(3), later, 4, later, EXACT);
        assertThat(exact.buckets()).allSatisfy(b -> assertThat(b.end()).isGreaterThan(later - LATENESS - HOUR));
        assertThat(deduplicator.purged()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aWatermarkWithoutARecordAfterItPurgesToo() {
        deduplicator.decide(key(1), T0, 1, T0, EXACT);
        deduplicator.decide(key(2), T0 + HOUR, 2, T0 + HOUR, EXACT);
        assertThat(deduplicator.purged()).isZero();
        // The replay's last watermark arrives after its last record.
        deduplicator.purge(T0 + 3 * HOUR, EXACT);
        assertThat(deduplicator.purged()).isEqualTo(2);
        assertThat(exact.isEmpty()).isTrue();
        deduplicator.purge(T0 + 3 * HOUR + 1, EXACT);
        assertThat(deduplicator.purged()).as("not again within the cleanup interval").isEqualTo(2);
    }

    @Test
    void switchingAlgorithmStillCatchesKeysSeenBeforeTheSwitch() {
        deduplicator.decide(key(1), T0, 1, UNKNOWN, EXACT);
        assertThat(deduplicator.decide(key(1), T0 + 1, 2, UNKNOWN, BLOOM)).isEqualTo(Verdict.DUPLICATE);
        assertThat(deduplicator.decide(key(2), T0 + 2, 3, UNKNOWN, BLOOM)).isEqualTo(Verdict.PASSED);
        assertThat(deduplicator.decide(key(2), T0 + 3, 4, UNKNOWN, EXACT)).isEqualTo(Verdict.DUPLICATE);
        assertThat(exact.retainedKeys()).isEqualTo(1);
        assertThat(bloom.retainedKeys()).isEqualTo(1);
    }

    @Test
    void aShorterWindowAppliesAtOnceToKeysAlreadySeen() {
        deduplicator.decide(key(1), T0, 1, UNKNOWN, EXACT);
        DedupeRules tenMinutes = rules(DedupeAlgorithm.EXACT, Duration.ofMinutes(10));
        assertThat(deduplicator.decide(key(1), T0 + 11 * 60_000, 2, UNKNOWN, tenMinutes)).isEqualTo(Verdict.PASSED);
        assertThat(deduplicator.decide(key(1), T0 + 12 * 60_000, 3, UNKNOWN, tenMinutes))
                .isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void bloomDropsCopiesInsideTheWindowLikeExact() {
        assertThat(deduplicator.decide(key(1), T0, 1, UNKNOWN, BLOOM)).isEqualTo(Verdict.PASSED);
        assertThat(deduplicator.decide(key(1), T0 + HOUR - 1, 2, UNKNOWN, BLOOM)).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void steadyStreamOfUniqueKeysUnderAWatermarkKeepsTheStoreAboutOneWindowLarge() {
        long perHour = 36_000;
        long maxKeys = 0;
        for (long i = 0; i < 5 * perHour; i++) {
            long time = T0 + i * (HOUR / perHour);
            assertThat(deduplicator.decide(key(i), time, i, time - 5_000, EXACT)).isEqualTo(Verdict.PASSED);
            maxKeys = Math.max(maxKeys, exact.retainedKeys());
        }
        System.out.printf("exact under a watermark: at most %d keys for %d per window (%d bytes at the end)%n",
                maxKeys, perHour, exactStore.bytes());
        // window + allowed lateness + the watermark's lag (5 s) + one bucket (window / 4) + one cleanup interval (5m)
        assertThat(maxKeys).isLessThanOrEqualTo((long) (perHour * (1 + 1.0 / 60 + 0.25 + 5.0 / 60 + 0.01)));
    }
}
