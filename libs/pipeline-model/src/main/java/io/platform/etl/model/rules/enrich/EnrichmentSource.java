package io.platform.etl.model.rules.enrich;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.platform.etl.model.duration.DurationJson;
import io.platform.etl.model.rules.RuleViolation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where enrichment data comes from, JSON as in the spec: {@code {"name":"user_profiles","type":"database",
 * "connection":"postgresql://user-db:5432/profiles","cache_ttl":"300s"}} or {@code {"name":"geo_location",
 * "type":"api","endpoint":"http://geo-service:8080/location","timeout":"2s","retry_count":2}}.
 * Credentials never appear here: a {@code connection}/{@code endpoint} carrying a password is rejected by
 * validation; deployments supply them separately ({@code credentials_secret}, environment).
 *
 * @param name       unique within a rule set
 * @param type       database or api
 * @param connection database URL without credentials (database sources)
 * @param endpoint   HTTP URL (api sources)
 * @param cacheTtl   how long looked-up values are cached; default 5m
 * @param timeout    per-call timeout; default 2s
 * @param retryCount retries after a failed call; default 2
 * @param joinRules  joins declared with the source; see {@link EnrichmentRuleSet#effectiveRules()}
 * @param credentialsSecret optional name of the secret holding credentials
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EnrichmentSource(
        String name,
        SourceType type,
        String connection,
        String endpoint,
        @JsonSerialize(using = DurationJson.Serializer.class) @JsonDeserialize(using = DurationJson.Deserializer.class)
        Duration cacheTtl,
        @JsonSerialize(using = DurationJson.Serializer.class) @JsonDeserialize(using = DurationJson.Deserializer.class)
        Duration timeout,
        Integer retryCount,
        List<JoinRule> joinRules,
        String credentialsSecret) {

    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_RETRY_COUNT = 2;

    public EnrichmentSource {
        cacheTtl = cacheTtl == null ? DEFAULT_CACHE_TTL : cacheTtl;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        retryCount = retryCount == null ? DEFAULT_RETRY_COUNT : retryCount;
        joinRules = joinRules == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(joinRules));
    }

    /** Violations of this source alone (paths under {@code prefix}, e.g. {@code source}); no duplicate check. */
    public List<RuleViolation> validate(String prefix) {
        return EnrichmentSourceValidator.validateOne(this, prefix);
    }

    /** A database source with defaults. */
    public static EnrichmentSource database(String name, String connection) {
        return new EnrichmentSource(name, SourceType.DATABASE, connection, null, null, null, null, null, null);
    }

    /** An api source with defaults. */
    public static EnrichmentSource api(String name, String endpoint) {
        return new EnrichmentSource(name, SourceType.API, null, endpoint, null, null, null, null, null);
    }
}
