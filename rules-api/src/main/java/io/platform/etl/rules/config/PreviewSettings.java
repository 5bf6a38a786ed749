package io.platform.etl.rules.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/** Filter preview settings ({@code rules.preview.*}). */
@ConfigurationProperties("rules.preview")
public record PreviewSettings(@Bindable(defaultValue = "1000") @Min(1) int maxEvents) {
}
