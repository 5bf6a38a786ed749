package io.platform.etl.stageruntime.spec;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code pipeline.*}: where the StreamingPipeline spec is ({@code PIPELINE_SPEC}).
 *
 * @param spec         path of the YAML file, default {@code config/pipeline.yaml}
 * @param seedFallback when the file does not exist, use the spec copy shipped in pipeline-model (local runs, tests)
 */
@ConfigurationProperties("pipeline")
public record SpecSettings(@Bindable(defaultValue = "config/pipeline.yaml") @NotBlank String spec,
                           @Bindable(defaultValue = "false") boolean seedFallback) {
}
