package io.platform.etl.stageruntime.rules;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * {@code rules.*}: how the stage follows dynamic rules in Redis (where: {@link RedisSettings} and
 * {@link RulesStoreSettings}).
 *
 * @param refreshInterval overrides the spec's {@code dynamic_rules.refresh_interval} (fallback re-read period)
 * @param retryInterval   retry period while Redis is unreachable
 * @param commandTimeout  Redis connect/command timeout
 * @param startupWait     how long Kafka Streams waits for the first snapshot before it starts on the static rules
 *                        (ADR 0301); 0 = do not wait
 */
@ConfigurationProperties("rules")
public record DynamicRulesSettings(@Nullable Duration refreshInterval,
                            @Bindable(defaultValue = "1s") @NotNull Duration retryInterval,
                            @Bindable(defaultValue = "2s") @NotNull Duration commandTimeout,
                            @Bindable(defaultValue = "15s") @NotNull Duration startupWait) {
}
