package io.platform.etl.stageruntime.loop;

import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.kafka.StreamsProperties;
import io.platform.etl.stageruntime.spec.StageSection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Consumer and producer settings of one loop thread, derived from the same sources as every stage's Kafka Streams
 * configuration ({@link StreamsProperties}: brokers, security, acks, compression, linger, start offset, and
 * {@code stage.streams.consumer.*} / {@code producer.*} overrides), plus what a transactional loop needs: thread
 * {@code n} of an instance has the transactional id {@code <group>-<instance>-<n>}.
 */
final class KafkaClients {

    private final Map<String, Object> common = new HashMap<>();
    private final Map<String, Object> consumer = new HashMap<>();
    private final Map<String, Object> producer = new HashMap<>();
    private final String groupId;

    KafkaClients(StageSection section, StageSettings stage, KafkaSettings kafka, String bootstrap,
                 LoopSettings settings, String instanceId, int thread) {
        this(section, stage, kafka, bootstrap, settings, instanceId, thread,
                StreamsProperties.applicationId(section, stage));
    }

    /** @param groupId the consumer group (and transactional id prefix) of this loop */
    KafkaClients(StageSection section, StageSettings stage, KafkaSettings kafka, String bootstrap,
                 LoopSettings settings, String instanceId, int thread, String groupId) {
        Properties streams = StreamsProperties.build(section, stage, kafka, bootstrap, null);
        this.groupId = groupId;
        streams.forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("consumer.")) {
                consumer.put(key.substring("consumer.".length()), v);
            } else if (key.startsWith("producer.")) {
                producer.put(key.substring("producer.".length()), v);
            } else if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.")
                    || key.startsWith("ssl.")) {
                common.put(key, v);
            }
        });
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        if (!groupId.equals(StreamsProperties.applicationId(section, stage))) {
            // A hop's deciding group (ADR 0340) reads everything the keying loop wrote, whatever the start offset.
            consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        }
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        String member = groupId + "-" + instanceId + "-" + thread;
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, member + "-consumer");
        producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, member);
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) settings.transactionTimeout().toMillis());
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, member + "-producer");
    }

    /** The producer's {@code compression.type} (e.g. of a hop topic, ADR 0341). */
    void compression(String type) {
        producer.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, type);
    }

    String groupId() {
        return groupId;
    }

    /** Connection settings only (brokers, security): for admin clients and unassigned readers. */
    Map<String, Object> common() {
        return new HashMap<>(common);
    }

    Map<String, Object> consumer() {
        Map<String, Object> p = new HashMap<>(common);
        p.putAll(consumer);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    Map<String, Object> producer() {
        Map<String, Object> p = new HashMap<>(common);
        p.putAll(producer);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }
}
