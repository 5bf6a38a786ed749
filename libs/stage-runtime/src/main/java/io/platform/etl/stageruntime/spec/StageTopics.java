package io.platform.etl.stageruntime.spec;

/**
 * The topics one stage uses, after suffix and overrides.
 *
 * @param input      what the stage consumes
 * @param output     where its results go
 * @param deadLetter where unreadable records go
 */
public record StageTopics(String input, String output, String deadLetter) {
}
