package io.platform.etl.stage.aggregate;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Topics for the ITs that keep records of any age: the tests' event times (and so the results' timestamps) are in
 * 2024, which the broker's default 7-day retention would delete at once.
 */
final class BrokerTopics {

    private BrokerTopics() {
    }

    static void create(String bootstrap, int partitions, String... names) {
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
