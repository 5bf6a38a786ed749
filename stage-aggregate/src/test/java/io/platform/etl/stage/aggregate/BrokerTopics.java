package io.platform.etl.stage.aggregate;

import io.platform.etl.testkit.TestInfra;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics of one broker test, named with its own suffix, on the shared broker. They keep records of any age: the
 * tests' event times (and so the results' timestamps) are in 2024, which the broker's default 7-day retention would
 * delete at once.
 */
record BrokerTopics(String bootstrap, String suffix, String input, String output, String late) {

    /** Creates input, output, late and dead-letter topics with a unique suffix made from {@code name}. */
    static BrokerTopics create(String name, int partitions) {
        String suffix = "." + TestInfra.uniqueName(name);
        BrokerTopics topics = new BrokerTopics(TestInfra.shared().kafka().bootstrapServers(), suffix,
                "events.enriched" + suffix, "events.processed" + suffix, "events.late" + suffix);
        topics.create(partitions, topics.input, topics.output, topics.late, "events.dlq" + suffix);
        return topics;
    }

    /** The stage's properties for these topics and the spec {@code spec}. */
    Map<String, String> properties(String spec) {
        return ItProperties.common(bootstrap, suffix, spec);
    }

    private void create(int partitions, String... names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(Arrays.stream(names).map(n -> new NewTopic(n, partitions, (short) 1)
                    .configs(Map.of("retention.ms", "-1"))).toList()).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics " + Arrays.toString(names), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
