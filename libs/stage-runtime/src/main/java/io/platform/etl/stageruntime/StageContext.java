package io.platform.etl.stageruntime;

import io.platform.etl.stageruntime.eventtime.EventTime;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.repartition.Repartitions;
import io.platform.etl.stageruntime.spec.StageSection;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KeyValueMapper;

/**
 * What a {@link StageTopology} gets to build its part.
 *
 * @param section      the stage's section of the spec and its resolved topics
 * @param metrics      throughput / latency / error meters labelled with the stage name
 * @param builder      the topology builder (for state stores)
 * @param eventTime    the pipeline watermark per task: {@code eventTime().forTask(context.taskId()).current()}
 * @param repartitions moves records through a repartition topic with the watermark (see {@link #repartition})
 */
public record StageContext(StageSection section, StageMetrics metrics, StreamsBuilder builder, EventTime eventTime,
                           Repartitions repartitions) {

    /**
     * Re-partitions {@code input} by {@code newKey}, so records with equal keys meet in one task whatever partition
     * they arrived on; the pipeline watermark travels along, and each record's original key, value bytes and
     * headers are restored on the other side.
     */
    public KStream<byte[], InputRecord> repartition(KStream<byte[], InputRecord> input, String name,
                                                    KeyValueMapper<byte[], InputRecord, byte[]> newKey) {
        return repartitions.repartition(input, name, newKey);
    }
}
