package io.platform.etl.stageruntime.loop;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The keying loop's routed records of one batch, gathered into one {@link RecordBundle} per hop partition (ADR 0342).
 * A record goes to the partition Kafka's default partitioner gives its key; one too large for a bundle goes alone,
 * after what its partition holds so far, so each hop partition keeps the input's order. One per loop thread.
 */
final class HopBundler {

    private final String topic;
    private final RecordBundle.Builder[] bundles;

    HopBundler(String topic, int partitions) {
        this.topic = topic;
        this.bundles = new RecordBundle.Builder[partitions];
        for (int p = 0; p < partitions; p++) {
            bundles[p] = new RecordBundle.Builder();
        }
    }

    /** Drops what a batch that failed half-way left. */
    void clear() {
        for (RecordBundle.Builder bundle : bundles) {
            bundle.clear();
        }
    }

    /** Adds a routed record (key not null); a bundle it fills up, or the record itself when too large, goes to out. */
    void route(byte[] key, byte[] value, Headers headers, TopicPartition input, long offset, int index,
               List<Batch.Output> out) {
        int partition = BuiltInPartitioner.partitionForKey(key, bundles.length);
        RecordBundle.Builder bundle = bundles[partition];
        Header[] all = headers.toArray();
        int bytes = RecordBundle.entryBytes(key, value, all);
        if (bytes <= RecordBundle.MAX_ENTRY_BYTES) {
            if (!bundle.fits(bytes)) {
                out.add(bundle.record(topic, partition));
            }
            bundle.add(key, value, all, input, offset, index);
            return;
        }
        if (!bundle.isEmpty()) {
            out.add(bundle.record(topic, partition));
        }
        out.add(new Batch.Output(new ProducerRecord<>(topic, partition, key, value, headers), input, offset, index));
    }

    /** The batch's remaining bundles, one per partition that holds records. */
    void flush(List<Batch.Output> out) {
        for (int p = 0; p < bundles.length; p++) {
            if (!bundles[p].isEmpty()) {
                out.add(bundles[p].record(topic, p));
            }
        }
    }
}
