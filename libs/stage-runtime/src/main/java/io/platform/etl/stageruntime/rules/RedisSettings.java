package io.platform.etl.stageruntime.rules;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

/** {@code redis.*} ({@code REDIS_URI}): the Redis the stage reads its dynamic rules from. */
@ConfigurationProperties("redis")
public record RedisSettings(@Bindable(defaultValue = "redis://localhost:6379") @NotBlank String uri) {
}
