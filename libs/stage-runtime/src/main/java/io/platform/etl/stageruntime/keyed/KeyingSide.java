package io.platform.etl.stageruntime.keyed;

import io.platform.etl.model.event.Event;
import io.platform.etl.stageruntime.loop.LoopStage;
import io.platform.etl.stageruntime.loop.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The keying loop's stage (ADR 0340): asks the {@link KeyedStage} where each record goes; only route or dead-letter. */
final class KeyingSide implements LoopStage {

    private final KeyedStage stage;

    KeyingSide(KeyedStage stage) {
        this.stage = stage;
    }

    @Override
    public Pending start(List<ConsumerRecord<byte[], byte[]>> records, List<Event> events) {
        List<Verdict> verdicts = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Verdict verdict = stage.key(records.get(i), events.get(i));
            if (!(verdict instanceof Verdict.Route) && !(verdict instanceof Verdict.DeadLetter)) {
                throw new IllegalStateException("a keyed stage must route or dead-letter each record, not " + verdict);
            }
            verdicts.add(verdict);
        }
        return () -> verdicts;
    }
}
