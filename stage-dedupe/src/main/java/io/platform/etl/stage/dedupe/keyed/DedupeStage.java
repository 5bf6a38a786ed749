package io.platform.etl.stage.dedupe.keyed;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.platform.etl.model.event.Event;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stage.dedupe.DedupeSettings;
import io.platform.etl.stage.dedupe.engine.DedupeRules;
import io.platform.etl.stage.dedupe.key.KeyHash;
import io.platform.etl.stage.dedupe.metrics.DedupeMeters;
import io.platform.etl.stage.dedupe.state.ExactTableStore;
import io.platform.etl.stage.dedupe.state.LoggedStore;
import io.platform.etl.stage.dedupe.state.MemoryStore;
import io.platform.etl.stageruntime.eventtime.AdminTopicInfo;
import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.kafka.StreamsProperties;
import io.platform.etl.stageruntime.keyed.KeyedStage;
import io.platform.etl.stageruntime.keyed.PartitionState;
import io.platform.etl.stageruntime.loop.Verdict;
import io.platform.etl.stageruntime.spec.StageSection;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dedupe stage on the runtime's keyed loop (ADR 0609):
 * <pre>
 * events.filtered ─ key(): 16-byte key hash + envelope ─ hop {@code <application-id>-dedupe-hop} ─
 *     one {@link DedupePartition} per hop partition (state in {@code <application-id>-dedupe-state}) ─ output
 * </pre>
 * Every copy of a key meets in one hop partition, whatever input partition it came from. A record without a key field
 * goes to the dead-letter topic, or (default) crosses the hop keyed by its input position and passes unjudged
 * (ADR 0607): every output is written after the hop, where the watermark is the pipeline's. The deciding side needs
 * nothing but the envelope, so the hop's values are not decoded again.
 */
@Singleton
public class DedupeStage implements KeyedStage {

    static final String HOP = "dedupe";
    static final String MISSING_KEY = "missing_key_field";

    private final RuleHolder<DedupeRules> rules;
    private final DedupeSettings settings;
    private final DedupeMeters meters;
    private final String inputTopic;
    private final IntSupplier inputPartitions;
    private volatile int partitions;

    public DedupeStage(RuleHolder<DedupeRules> rules, DedupeSettings settings, DedupeMeters meters,
                       StageSection section, StageSettings stage, KafkaSettings kafka,
                       @Property(name = "kafka.bootstrap.servers") @Nullable String bootstrap) {
        this.rules = rules;
        this.settings = settings;
        this.meters = meters;
        this.inputTopic = section.topics().input();
        this.inputPartitions = () -> {
            try (AdminTopicInfo topics = new AdminTopicInfo(StreamsProperties.connection(
                    StreamsProperties.build(section, stage, kafka, bootstrap, null)))) {
                return topics.partitions(inputTopic);
            }
        };
    }

    @Override
    public String hop() {
        return HOP;
    }

    @Override
    public Verdict key(ConsumerRecord<byte[], byte[]> record, Event event) {
        DedupeRules current = rules.current().rules();
        Optional<KeyHash> key = current.hasher().hash(event);
        if (key.isEmpty() && settings.missingKey() == DedupeSettings.Route.DEAD_LETTER) {
            String field = current.hasher().missingField(event).orElse("?");
            return Verdict.deadLetter(MISSING_KEY, "key field \"" + field + "\" is absent or null");
        }
        long position = Envelope.position(record.partition(), record.offset());
        RecordHeaders headers = new Envelope(event.eventTime().toEpochMilli(), position, System.currentTimeMillis(),
                key.isPresent(), record.key()).addedTo(record.headers());
        byte[] hopKey = key.isPresent() ? key.get().toBytes() : ByteBuffer.allocate(8).putLong(position).array();
        return Verdict.route(hopKey, headers);
    }

    @Override
    public boolean decodesAfterHop() {
        return false;
    }

    @Override
    public PartitionState open(int partition) {
        return new DedupePartition(partition, rules, settings, meters, inputTopic, partitions(),
                new ExactTableStore(),
                new LoggedStore(new MemoryStore(), DedupePartition.BLOOM, true));
    }

    /** The hop's partition count (= the input's): how many partitions share the keys, for Bloom sizing (ADR 0608). */
    private int partitions() {
        if (partitions == 0) {
            partitions = inputPartitions.getAsInt();
        }
        return partitions;
    }
}
