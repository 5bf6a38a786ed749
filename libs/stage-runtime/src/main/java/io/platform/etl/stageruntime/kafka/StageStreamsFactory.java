package io.platform.etl.stageruntime.kafka;

import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.platform.etl.stageruntime.StageTopology;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.eventtime.AdminTopicInfo;
import io.platform.etl.stageruntime.eventtime.EventTime;
import io.platform.etl.stageruntime.eventtime.EventTimeSettings;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.spec.StageSection;
import jakarta.inject.Singleton;
import java.util.Properties;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The stage's topology on micronaut-kafka's {@link ConfiguredStreamBuilder}, whose {@code KafkaStreamsFactory} then
 * builds the one {@code KafkaStreams} of the service and reports its readiness ({@code kafkaStreams}). The builder's
 * client configuration is replaced by {@link StreamsProperties} (the pipeline spec plus {@code stage.streams.*}), so
 * a setting has one source, and {@code start-kafka-streams=false} leaves the start to {@link StageStreams}, after
 * the start gates (ADR 0335).
 */
@Factory
@Requires(bean = StageTopology.class)
public class StageStreamsFactory {

    /** Read by micronaut-kafka's {@code KafkaStreamsFactory}: false = build, do not start. */
    static final String START_PROPERTY = "start-kafka-streams";

    @Singleton
    KStream<byte[], byte[]> stageStream(ConfiguredStreamBuilder builder, StageSection section, StageSettings settings,
                                        KafkaSettings kafka,
                                        @Property(name = "kafka.bootstrap.servers") @Nullable String bootstrapServers,
                                        StageTopology stage, StageMetrics metrics, EventTime eventTime) {
        DeadLetters deadLetters = new DeadLetters(section.name(), section.topics().deadLetter(), metrics);
        Properties configuration = builder.getConfiguration();
        configuration.clear();
        configuration.putAll(StreamsProperties.build(section, settings, kafka, bootstrapServers, deadLetters));
        configuration.put(START_PROPERTY, "false");
        return TopologyAssembler.assemble(builder, section, stage, metrics, deadLetters, settings.maxRecordBytes(),
                eventTime);
    }

    @Singleton
    EventTime eventTime(EventTimeSettings eventTimeSettings, StageSection section, StageSettings settings,
                        AdminTopicInfo topicInfo) {
        return new EventTime(eventTimeSettings, section.pipeline().spec().config().watermarkInterval(),
                StreamsProperties.applicationId(section, settings), topicInfo);
    }

    /** Topic sizes and offsets for the watermark's idleness checks, on the stage's own connection settings. */
    @Singleton
    @Bean(preDestroy = "close")
    AdminTopicInfo topicInfo(StageSection section, StageSettings settings, KafkaSettings kafka,
                             @Property(name = "kafka.bootstrap.servers") @Nullable String bootstrapServers) {
        return new AdminTopicInfo(StreamsProperties.connection(
                StreamsProperties.build(section, settings, kafka, bootstrapServers, null)));
    }
}
