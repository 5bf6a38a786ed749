package io.platform.etl.bench.kit.stage;

import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.kafka.StreamsProperties;
import io.platform.etl.stageruntime.spec.StageSection;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * A plain Kafka Streams baseline job: the stage's own Kafka Streams settings (so only the code differs), run until
 * the JVM is told to stop.
 */
public final class StreamsBaseline {

    private StreamsBaseline() {
    }

    /** The stage's Streams properties on plaintext, without the runtime's exception handlers (a user's job has none). */
    public static Properties properties(StageSection section, StageSettings settings, String bootstrap) {
        Properties props = StreamsProperties.build(section, settings, new KafkaSettings("PLAINTEXT", null, null, null,
                null, null), bootstrap, null);
        props.remove("processing.exception.handler");
        props.remove("production.exception.handler");
        return props;
    }

    /** Runs the topology until SIGTERM; {@code beforeClose} sees the streams first (e.g. to print its metrics). */
    public static void runUntilStopped(Topology topology, Properties props, Consumer<KafkaStreams> beforeClose)
            throws InterruptedException {
        runUntilStopped(new KafkaStreams(topology, props), beforeClose);
    }

    public static void runUntilStopped(KafkaStreams streams, Consumer<KafkaStreams> beforeClose)
            throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            beforeClose.accept(streams);
            streams.close(Duration.ofSeconds(20));
            stop.countDown();
        }));
        streams.start();
        stop.await();
    }
}
