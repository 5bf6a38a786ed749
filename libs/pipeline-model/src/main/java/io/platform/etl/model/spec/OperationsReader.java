package io.platform.etl.model.spec;

import io.platform.etl.model.json.Cursor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads {@code spec.monitoring}, {@code spec.state_management} and {@code spec.security}. */
final class OperationsReader {

    private OperationsReader() {
    }

    static OperationsSpec.Monitoring monitoring(Cursor c) {
        if (!c.isObject()) {
            return OperationsSpec.Monitoring.DEFAULTS;
        }
        c.rejectUnknown(Set.of("enabled", "metrics", "alerts"));
        List<OperationsSpec.Metric> metrics = new ArrayList<>();
        for (Cursor m : c.field("metrics").elements()) {
            if (m.require() && m.isObject()) {
                m.rejectUnknown(Set.of("name", "type", "labels"));
                List<String> labels = m.field("labels").textList();
                metrics.add(new OperationsSpec.Metric(m.field("name").requiredText(),
                        SpecChecks.oneOf(m.field("type"), "metric type",
                                Set.of("counter", "gauge", "histogram", "summary"), null),
                        labels == null ? List.of() : labels));
                m.field("type").require();
            }
        }
        List<OperationsSpec.Alert> alerts = new ArrayList<>();
        for (Cursor a : c.field("alerts").elements()) {
            if (a.require() && a.isObject()) {
                a.rejectUnknown(Set.of("name", "condition", "severity", "notification"));
                alerts.add(new OperationsSpec.Alert(a.field("name").requiredText(), a.field("condition").requiredText(),
                        SpecChecks.oneOf(a.field("severity"), "severity", Set.of("critical", "warning", "info"),
                                "warning"),
                        a.field("notification").text().orElse(null)));
            }
        }
        return new OperationsSpec.Monitoring(SpecChecks.flag(c.field("enabled"), true), metrics, alerts);
    }

    static OperationsSpec.StateManagement stateManagement(Cursor c) {
        if (!c.isObject()) {
            return null;
        }
        c.rejectUnknown(Set.of("backend", "checkpoint_storage", "savepoint_directory", "cleanup_policy",
                "incremental_checkpoints"));
        return new OperationsSpec.StateManagement(
                SpecChecks.oneOf(c.field("backend"), "backend", Set.of("rocksdb", "filesystem", "s3"), "rocksdb"),
                c.field("checkpoint_storage").text().orElse(null),
                c.field("savepoint_directory").text().orElse(null),
                SpecChecks.oneOf(c.field("cleanup_policy"), "cleanup policy", Set.of("retain", "delete"), "retain"),
                SpecChecks.flag(c.field("incremental_checkpoints"), false));
    }

    static OperationsSpec.Security security(Cursor c) {
        if (!c.isObject()) {
            return null;
        }
        c.rejectUnknown(Set.of("encryption", "authentication", "authorization"));
        Cursor enc = c.field("encryption");
        Cursor authn = c.field("authentication");
        Cursor authz = c.field("authorization");
        if (enc.isObject()) {
            enc.rejectUnknown(Set.of("at_rest", "in_transit"));
        }
        if (authn.isObject()) {
            authn.rejectUnknown(Set.of("type", "provider"));
        }
        if (authz.isObject()) {
            authz.rejectUnknown(Set.of("rbac_enabled", "service_account"));
        }
        return new OperationsSpec.Security(
                SpecChecks.flag(enc.field("at_rest"), false), SpecChecks.flag(enc.field("in_transit"), false),
                authn.field("type").text().orElse(null), authn.field("provider").text().orElse(null),
                SpecChecks.flag(authz.field("rbac_enabled"), false), authz.field("service_account").text().orElse(null));
    }
}
