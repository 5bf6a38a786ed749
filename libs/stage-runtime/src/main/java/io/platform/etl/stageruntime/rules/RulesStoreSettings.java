package io.platform.etl.stageruntime.rules;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.platform.etl.model.rules.publish.RuleKeys;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code rules.redis.*} ({@code RULES_REDIS_PREFIX}): the key prefix under which rules-api publishes rule snapshots
 * and notices; the same setting as rules-api's, so both sides agree by default.
 */
@ConfigurationProperties("rules.redis")
public record RulesStoreSettings(@Bindable(defaultValue = RuleKeys.DEFAULT_PREFIX) @NotBlank String prefix) {
}
