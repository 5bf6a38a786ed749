package io.platform.etl.rules.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * General settings ({@code rules.*}).
 *
 * @param requireIfMatch when true a write without {@code If-Match} is refused with 428
 * @param pipelineSpec   path of the StreamingPipeline YAML whose {@code metadata.name} is a known pipeline
 * @param pipelines      further pipeline names accepted besides the spec's
 */
@ConfigurationProperties("rules")
public record RulesSettings(
        @Bindable(defaultValue = "false") boolean requireIfMatch,
        @Bindable(defaultValue = "config/pipeline.yaml") @NotNull String pipelineSpec,
        @Bindable(defaultValue = "") List<String> pipelines) {

    public RulesSettings {
        pipelines = pipelines == null ? List.of() : pipelines.stream().filter(p -> !p.isBlank()).toList();
    }
}
