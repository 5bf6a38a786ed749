package io.platform.etl.stageruntime.kafka;

import io.platform.etl.model.spec.SinkSpec;
import io.platform.etl.model.spec.SourceSpec;
import io.platform.etl.model.spec.StartOffset;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.dlq.StageProcessingExceptionHandler;
import io.platform.etl.stageruntime.dlq.StageProductionExceptionHandler;
import io.platform.etl.stageruntime.spec.StageSection;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Builds the Kafka Streams configuration from the spec, the environment and {@code stage.*}: nothing about brokers,
 * security, compression or acks is hard-coded. Exactly-once ({@code exactly_once_v2}) is not configurable: every
 * stage relies on it (ADR 0004).
 */
public final class StreamsProperties {

    /** Default consumer {@code session.timeout.ms}; override with {@code stage.streams.consumer.session.timeout.ms}. */
    public static final int SESSION_TIMEOUT_MS = 10_000;

    private StreamsProperties() {
    }

    /**
     * @param bootstrapOverride {@code kafka.bootstrap.servers}; null/blank = the spec's {@code source.config.brokers}
     * @param errors            handed to the exception handlers (see {@link DeadLetters#CONFIG_KEY})
     */
    public static Properties build(StageSection section, StageSettings stage, KafkaSettings kafka,
                                   String bootstrapOverride, DeadLetters errors) {
        SourceSpec.Kafka source = section.pipeline().spec().source().config();
        SinkSpec.Kafka sink = section.pipeline().spec().sink().config();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(section, stage));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapOverride != null && !bootstrapOverride.isBlank()
                ? bootstrapOverride : String.join(",", source.brokers()));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, stage.threads() != null ? stage.threads()
                : section.pipeline().spec().config().parallelism());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, stage.commitInterval().toMillis());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stage.stateDir());
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), acks(sink.acknowledgment()));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG),
                sink.compressionType() == null ? "lz4" : sink.compressionType());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), offsetReset(source));
        // Stream consumers do not leave the group when a thread is replaced or the pod is killed, so their
        // partitions wait for the session to expire: 10 s instead of the client default 45 s bounds that pause.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), SESSION_TIMEOUT_MS / 3);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, StageProcessingExceptionHandler.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, StageProductionExceptionHandler.class);
        if (errors != null) {
            p.put(DeadLetters.CONFIG_KEY, errors);
        }
        security(p, source.security() == null ? null : source.security().protocol(), kafka);
        p.putAll(stage.streams());
        return p;
    }

    /** Only the connection settings of {@code streamsProps} (bootstrap servers, security), for other clients. */
    public static Properties connection(Properties streamsProps) {
        Properties p = new Properties();
        streamsProps.forEach((k, v) -> {
            String key = k.toString();
            if (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) || key.startsWith("security.")
                    || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                p.put(key, v);
            }
        });
        return p;
    }

    /** Spec {@code consumer_group} + "-" + stage name (ADR 0004) + suffix, unless {@code stage.application-id}. */
    public static String applicationId(StageSection section, StageSettings stage) {
        String base = stage.applicationId() != null && !stage.applicationId().isBlank() ? stage.applicationId()
                : section.pipeline().spec().source().config().consumerGroup() + "-" + section.name();
        return base + stage.topicSuffix();
    }

    private static String acks(String fromSpec) {
        if (fromSpec != null && !fromSpec.equals("all") && !fromSpec.equals("-1")) {
            throw new IllegalStateException("spec.sink.config.acknowledgment: \"" + fromSpec
                    + "\" is incompatible with exactly-once processing, which needs \"all\"");
        }
        return "all";
    }

    private static String offsetReset(SourceSpec.Kafka source) {
        StartOffset start = source.startOffset() == null ? StartOffset.EARLIEST : source.startOffset();
        return switch (start) {
            case EARLIEST -> "earliest";
            case LATEST -> "latest";
            // A group without committed offsets starts this far back, i.e. at start_timestamp.
            case TIMESTAMP -> "by_duration:" + Duration.between(source.startTimestamp(), Instant.now())
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        };
    }

    private static void security(Properties p, String specProtocol, KafkaSettings kafka) {
        String protocol = kafka.securityProtocol() != null && !kafka.securityProtocol().isBlank()
                ? kafka.securityProtocol() : specProtocol;
        if (protocol == null || protocol.isBlank()) {
            return;
        }
        protocol = protocol.toUpperCase(Locale.ROOT);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (protocol.startsWith("SASL_")) {
            if (kafka.saslUsername() == null || kafka.saslPassword() == null) {
                throw new IllegalStateException("Kafka security protocol is " + protocol + " (spec.source.config."
                        + "security.protocol or KAFKA_SECURITY_PROTOCOL) but KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD"
                        + " (kafka.sasl-username / kafka.sasl-password) are not set; set them, or set"
                        + " KAFKA_SECURITY_PROTOCOL=PLAINTEXT for a local broker");
            }
            String mechanism = kafka.saslMechanism() == null ? "SCRAM-SHA-512" : kafka.saslMechanism();
            String module = mechanism.startsWith("SCRAM")
                    ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                    : "org.apache.kafka.common.security.plain.PlainLoginModule";
            p.put(SaslConfigs.SASL_MECHANISM, mechanism);
            p.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + escape(kafka.saslUsername())
                    + "\" password=\"" + escape(kafka.saslPassword()) + "\";");
        }
        if (protocol.endsWith("SSL") && kafka.sslTruststoreLocation() != null) {
            p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, kafka.sslTruststoreLocation());
            if (kafka.sslTruststorePassword() != null) {
                p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, kafka.sslTruststorePassword());
            }
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
