package io.platform.etl.stageruntime.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code stage.*}: how this service runs its stage. Everything about topics, brokers and parallelism comes from the
 * spec; these settings only override or add.
 *
 * @param type            which spec stage this service runs ({@code filter}, {@code deduplicate}, ...)
 * @param instanceId      unique id of this instance (default: {@code HOSTNAME}, i.e. the pod name, else host-pid)
 * @param applicationId   Kafka Streams application id (default: spec {@code consumer_group} + "-" + stage name)
 * @param topicSuffix     appended to every topic name and the application id (tests isolate themselves with it)
 * @param threads         {@code num.stream.threads} (default: spec {@code config.parallelism})
 * @param commitInterval  {@code commit.interval.ms}: the transaction length under exactly-once
 * @param stateDir        Kafka Streams {@code state.dir}; default {@code kafka-streams} under {@code java.io.tmpdir}
 * @param shutdownTimeout how long a graceful close may take
 * @param maxRecordBytes  larger input records go to the dead-letter topic as {@code too_large}
 * @param maxThreadRestarts transient stream-thread failures replaced (with backoff) before the client stops
 * @param streams         extra Kafka Streams / client settings passed through verbatim (e.g. {@code producer.linger.ms})
 */
@ConfigurationProperties("stage")
public record StageSettings(@NotBlank String type,
                            @Nullable String instanceId,
                            @Nullable String applicationId,
                            @Bindable(defaultValue = "") @NotNull String topicSuffix,
                            @Nullable @Min(1) Integer threads,
                            @Bindable(defaultValue = "100ms") @NotNull Duration commitInterval,
                            @Nullable String stateDir,
                            @Bindable(defaultValue = "30s") @NotNull Duration shutdownTimeout,
                            @Bindable(defaultValue = "1048576") @Min(1) int maxRecordBytes,
                            @Bindable(defaultValue = "10") @Min(0) int maxThreadRestarts,
                            @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT,
                                    keyFormat = StringConvention.RAW) Map<String, String> streams) {

    public StageSettings {
        streams = streams == null ? Map.of() : Map.copyOf(streams);
        // In code, not in @Bindable: Micronaut does not resolve placeholders in a binding's default value.
        if (stateDir == null || stateDir.isBlank()) {
            stateDir = Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString();
        }
    }
}
