package io.platform.etl.stageruntime.loop;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;

/**
 * {@code stage.loop.*}: how a stage on the transactional loop consumes and produces (ADR 0337, 0800).
 *
 * @param maxPollRecords     records per batch: how much work is in hand at once (a transaction spans the batches of
 *                           one {@code stage.commit-interval}, ADR 0338)
 * @param pollTimeout        how long one poll waits for records
 * @param transactionTimeout producer {@code transaction.timeout.ms}: bounds how long a killed instance's open
 *                           transaction holds back read_committed consumers
 * @param hopCompression     producer {@code compression.type} of a keyed stage's hop topic (ADR 0341): none, as Kafka
 *                           Streams writes its repartition topics by default; the output keeps the sink's
 */
@ConfigurationProperties("stage.loop")
public record LoopSettings(@Bindable(defaultValue = "500") @Min(1) @Max(10000) int maxPollRecords,
                           @Bindable(defaultValue = "100ms") @NotNull Duration pollTimeout,
                           @Bindable(defaultValue = "10s") @NotNull Duration transactionTimeout,
                           @Bindable(defaultValue = "none") @NotNull @Pattern(regexp = "none|gzip|snappy|lz4|zstd")
                           String hopCompression) {
}
