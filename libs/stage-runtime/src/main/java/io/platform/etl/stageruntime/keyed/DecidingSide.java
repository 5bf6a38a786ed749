package io.platform.etl.stageruntime.keyed;

import io.platform.etl.model.event.Event;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.eventtime.PartitionWatermarks;
import io.platform.etl.stageruntime.eventtime.WatermarkMark;
import io.platform.etl.stageruntime.loop.LoopStage;
import io.platform.etl.stageruntime.loop.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deciding loop's stage (ADR 0340): one {@link PartitionState} per assigned hop partition, restored from its
 * changelog partition before its first record and after every aborted transaction; what the states emit becomes
 * the records' {@link Verdict#emitted} verdicts. The upstream watermark marks each partition's watermark is made of
 * are persisted in the changelog too (runtime entries, key prefix 0; the stage's have prefix 1), so a new owner
 * knows the watermark at once instead of waiting for every upstream source's next mark. One per loop thread.
 */
final class DecidingSide implements LoopStage {

    private static final Logger LOG = LoggerFactory.getLogger(DecidingSide.class);
    static final byte RUNTIME = 0;
    static final byte STAGE = 1;

    private final KeyedStage stage;
    private final PartitionWatermarks clock;
    private final ChangelogReader reader;
    private final String changelog;
    private final String outputTopic;
    private final DeadLetters deadLetters;
    private final TreeSet<Integer> assigned = new TreeSet<>();
    private final Map<Integer, PartitionState> states = new HashMap<>();
    private final Map<Integer, Map<String, WatermarkMark>> persisted = new HashMap<>();

    DecidingSide(KeyedStage stage, PartitionWatermarks clock, ChangelogReader reader, String changelog,
                 String outputTopic, DeadLetters deadLetters) {
        this.stage = stage;
        this.clock = clock;
        this.reader = reader;
        this.changelog = changelog;
        this.outputTopic = outputTopic;
        this.deadLetters = deadLetters;
    }

    @Override
    public Pending start(List<ConsumerRecord<byte[], byte[]>> records, List<Event> events) {
        return () -> {
            restoreAssigned();
            List<Verdict> verdicts = new ArrayList<>(records.size());
            // A batch's records come in runs of one partition (a bundle each): its state and watermark are looked up
            // once a run. The watermark holds for the whole batch (see BatchProcessor#finish).
            int partition = -1;
            PartitionState state = null;
            long watermark = Long.MIN_VALUE;
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<byte[], byte[]> r = records.get(i);
                if (r.partition() != partition) {
                    partition = r.partition();
                    state = states.get(partition);
                    watermark = clock.watermark(partition);
                }
                RecordEmitter out = new RecordEmitter(partition);
                state.process(r, events.get(i), watermark, out);
                verdicts.add(Verdict.emitted(out.records(), out.counts()));
            }
            return verdicts;
        };
    }

    @Override
    public List<ProducerRecord<byte[], byte[]>> tick(long nowNanos) {
        restoreAssigned();
        long now = System.currentTimeMillis();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Map.Entry<Integer, PartitionState> e : states.entrySet()) {
            int partition = e.getKey();
            RecordEmitter out = new RecordEmitter(partition);
            e.getValue().tick(clock.watermark(partition), clock.idle(partition), now, out);
            records.addAll(out.records());
            persistMarks(partition, records);
        }
        return records;
    }

    @Override
    public List<ProducerRecord<byte[], byte[]>> beforeCommit() {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Map.Entry<Integer, PartitionState> e : states.entrySet()) {
            RecordEmitter out = new RecordEmitter(e.getKey());
            e.getValue().beforeCommit(out);
            records.addAll(out.records());
        }
        return records;
    }

    @Override
    public void assigned(Collection<Integer> partitions) {
        assigned.addAll(partitions);
    }

    @Override
    public void dropped(Collection<Integer> partitions) {
        for (Integer p : partitions) {
            assigned.remove(p);
            persisted.remove(p);
            PartitionState state = states.remove(p);
            if (state != null) {
                state.close();
            }
        }
    }

    /** Everything since the last commit is re-read: every partition's state is rebuilt from its changelog. */
    @Override
    public void aborted() {
        states.values().forEach(PartitionState::close);
        states.clear();
        persisted.clear();
    }

    /** The loop thread ended: its partitions' states and its restore clients go. */
    @Override
    public void stopped() {
        aborted();
        reader.close();
    }

    private void restoreAssigned() {
        for (Integer partition : assigned) {
            if (!states.containsKey(partition)) {
                restore(partition);
            }
        }
    }

    private void restore(int partition) {
        long began = System.nanoTime();
        PartitionState state = stage.open(partition);
        Map<String, WatermarkMark> marks = new HashMap<>();
        long entries = reader.read(partition, (key, value) -> {
            if (key == null || key.length == 0) {
                return;
            }
            byte[] stripped = Arrays.copyOfRange(key, 1, key.length);
            if (key[0] == STAGE) {
                state.restore(stripped, value);
            } else if (value != null) {
                WatermarkMark mark = MarkBytes.decode(stripped, value);
                marks.put(mark.source(), mark);
            }
        });
        marks.values().forEach(mark -> clock.observe(partition, mark));
        persisted.put(partition, marks);
        states.put(partition, state);
        LOG.info("Restored {}-{}: {} changelog entries in {} ms", changelog, partition, entries,
                (System.nanoTime() - began) / 1_000_000);
    }

    /** Writes the partition's upstream marks that changed since they were last persisted. */
    private void persistMarks(int partition, List<ProducerRecord<byte[], byte[]>> records) {
        Map<String, WatermarkMark> done = persisted.computeIfAbsent(partition, p -> new HashMap<>());
        for (WatermarkMark mark : clock.marks(partition)) {
            if (!mark.equals(done.get(mark.source()))) {
                records.add(new ProducerRecord<>(changelog, partition, prefixed(RUNTIME, MarkBytes.key(mark)),
                        MarkBytes.value(mark)));
                done.put(mark.source(), mark);
            }
        }
    }

    private static byte[] prefixed(byte prefix, byte[] key) {
        byte[] out = new byte[key.length + 1];
        out[0] = prefix;
        System.arraycopy(key, 0, out, 1, key.length);
        return out;
    }

    /**
     * Collects what a state emits for one record (or one tick) of one partition. Most records emit one record and one
     * count: those are kept in fields and handed over as one-element lists, without a growable list each.
     */
    private final class RecordEmitter implements Emitter {

        private final int partition;
        private ProducerRecord<byte[], byte[]> firstRecord;
        private List<ProducerRecord<byte[], byte[]>> records;
        private Verdict.Count firstCount;
        private List<Verdict.Count> counts;

        RecordEmitter(int partition) {
            this.partition = partition;
        }

        List<ProducerRecord<byte[], byte[]>> records() {
            return records != null ? records : firstRecord != null ? List.of(firstRecord) : List.of();
        }

        List<Verdict.Count> counts() {
            return counts != null ? counts : firstCount != null ? List.of(firstCount) : List.of();
        }

        private void add(ProducerRecord<byte[], byte[]> record) {
            if (firstRecord == null) {
                firstRecord = record;
                return;
            }
            if (records == null) {
                records = new ArrayList<>(4);
                records.add(firstRecord);
            }
            records.add(record);
        }

        private void count(Verdict.Count count) {
            if (firstCount == null) {
                firstCount = count;
                return;
            }
            if (counts == null) {
                counts = new ArrayList<>(2);
                counts.add(firstCount);
            }
            counts.add(count);
        }

        @Override
        public void output(byte[] key, byte[] value, Headers headers) {
            add(new ProducerRecord<>(outputTopic, null, key, value, headers));
        }

        @Override
        public void output(byte[] key, byte[] value, Headers headers, long timestamp) {
            add(new ProducerRecord<>(outputTopic, null, timestamp, key, value, headers));
        }

        @Override
        public void send(String topic, byte[] key, byte[] value, Headers headers) {
            add(new ProducerRecord<>(topic, null, key, value, headers));
        }

        @Override
        public void deadLetter(ConsumerRecord<byte[], byte[]> record, byte[] key,
                               Headers headers, String reason, String message,
                               String sourceTopic, int sourcePartition, long sourceOffset, long receivedNanos) {
            add(deadLetters.record(key, record.value(), headers, reason, message, sourceTopic, sourcePartition,
                    sourceOffset));
            count(new Verdict.Count(null, reason, receivedNanos));
        }

        @Override
        public void outcome(String status, long receivedNanos) {
            count(new Verdict.Count(status, null, receivedNanos));
        }

        @Override
        public void change(byte[] key, byte[] value) {
            add(new ProducerRecord<>(changelog, partition, prefixed(STAGE, key), value));
        }
    }
}
