package io.platform.etl.rules.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Redis publication settings ({@code rules.redis.*}); the prefix must not end with ':'. */
@ConfigurationProperties("rules.redis")
public record RedisSettings(
        @Bindable(defaultValue = "etl:rules") @NotBlank @Pattern(regexp = ".*[^:]") String prefix) {
}
