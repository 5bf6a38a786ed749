package io.platform.etl.stageruntime.spec;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code stage.topics.*}: per-topic overrides of what the spec says (all optional), applied before the suffix.
 */
@ConfigurationProperties("stage.topics")
public record TopicSettings(@Nullable String input, @Nullable String output, @Nullable String deadLetter) {
}
