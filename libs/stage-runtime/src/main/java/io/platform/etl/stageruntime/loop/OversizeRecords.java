package io.platform.etl.stageruntime.loop;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Input records whose output the broker (or the producer) refused as too large (ADR 0808). Without this a batch
 * holding one would be aborted and re-read for ever; with it, the batch is re-read once and that record goes to the
 * dead-letter topic instead ({@code record_too_large}): first with its input value, and should even that be refused,
 * without it. Entries are dropped once their offset is committed. Used by the loop's thread only.
 */
final class OversizeRecords {

    /** An input record: its offset, and its place in the hop bundle at that offset (ADR 0342; else 0). */
    private record Input(long offset, int index) {
    }

    private final Map<TopicPartition, Map<Input, Integer>> refused = new HashMap<>();

    /** Noted after a transaction failed because the output written for this input was too large. */
    void refused(TopicPartition tp, long offset, int index) {
        refused.computeIfAbsent(tp, k -> new HashMap<>()).merge(new Input(offset, index), 1, Integer::sum);
    }

    /** How often this input's output was refused: 0 = write it normally, 1 = dead-letter it, 2+ = without value. */
    int times(TopicPartition tp, long offset, int index) {
        Map<Input, Integer> inputs = refused.get(tp);
        return inputs == null ? 0 : inputs.getOrDefault(new Input(offset, index), 0);
    }

    boolean isEmpty() {
        return refused.isEmpty();
    }

    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, next) -> {
            Map<Input, Integer> offs = refused.get(tp);
            if (offs != null) {
                offs.keySet().removeIf(o -> o.offset() < next.offset());
                if (offs.isEmpty()) {
                    refused.remove(tp);
                }
            }
        });
    }
}
