package io.platform.etl.model.spec;

import java.util.List;

/** The operational sections of the spec: {@code monitoring}, {@code state_management}, {@code security}. */
public final class OperationsSpec {

    private OperationsSpec() {
    }

    /** {@code spec.monitoring}. */
    public record Monitoring(boolean enabled, List<Metric> metrics, List<Alert> alerts) {
        public static final Monitoring DEFAULTS = new Monitoring(true, List.of(), List.of());
    }

    /** {@code metrics[]}: type counter, gauge, histogram or summary. */
    public record Metric(String name, String type, List<String> labels) {
    }

    /** {@code alerts[]}: severity critical, warning or info. */
    public record Alert(String name, String condition, String severity, String notification) {
    }

    /** {@code spec.state_management}: backend rocksdb, filesystem or s3; cleanup_policy retain or delete. */
    public record StateManagement(String backend, String checkpointStorage, String savepointDirectory,
                                  String cleanupPolicy, boolean incrementalCheckpoints) {
    }

    /** {@code spec.security}. */
    public record Security(boolean encryptionAtRest, boolean encryptionInTransit, String authenticationType,
                           String authenticationProvider, boolean rbacEnabled, String serviceAccount) {
    }
}
