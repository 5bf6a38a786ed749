package io.platform.etl.platform.infra;

import java.util.List;

/** What the local infrastructure contains besides the servers themselves. */
public final class InfraSpec {

    public static final List<String> DATABASES = List.of("rules", "profiles", "catalog");
    public static final List<String> TOPICS = List.of("user.events.raw", "events.filtered", "events.deduplicated",
            "events.enriched", "events.processed", "events.dlq", "events.late");
    public static final int PARTITIONS = 3;
    public static final String BUCKET = "price-lists";
    public static final String S3_ACCESS_KEY = "platform-access";
    public static final String S3_SECRET_KEY = "platform-secret";
    public static final String PIPELINE = "advanced-streaming-pipeline";

    private InfraSpec() {
    }
}
