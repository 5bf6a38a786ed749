package io.platform.etl.model.rules.dedupe;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.json.Cursor;
import io.platform.etl.model.rules.Validated;

import java.util.Set;

/**
 * Reads a {@link DeduplicationConfig} from a JSON tree with every error named by path
 * ({@code window_size: not a duration ("2hours")}, {@code algorithm: unknown algorithm "lru"}).
 */
public final class DeduplicationConfigReader {

    private static final Set<String> FIELDS = Set.of("window_size", "key_fields", "algorithm", "cleanup_interval",
            "false_positive_rate", "expected_insertions");

    private DeduplicationConfigReader() {
    }

    /** Reads the config object itself (the API's {@code config} member, the snapshot payload). */
    public static Validated<DeduplicationConfig> read(JsonNode json) {
        Cursor root = Cursor.strictRoot(json);
        DeduplicationConfig config = read(root);
        return new Validated<>(config, root.errors());
    }

    /** Reads at a cursor; errors (including {@link DeduplicationConfig#validate}) go to the cursor's list. */
    public static DeduplicationConfig read(Cursor c) {
        if (!c.require() || !c.isObject()) {
            return null;
        }
        int before = c.errorCount();
        c.rejectUnknown(FIELDS);
        DeduplicationConfig config = new DeduplicationConfig(
                c.field("window_size").duration().orElse(null),
                c.field("key_fields").textList(),
                c.field("algorithm").named("algorithm", DedupeAlgorithm::fromJson).orElse(null),
                c.field("cleanup_interval").duration().orElse(null),
                c.field("false_positive_rate").doubleValue().orElse(null),
                c.field("expected_insertions").longValue().orElse(null));
        c.addUnlessReported(before, config.validate(c.path()));
        return config;
    }
}
