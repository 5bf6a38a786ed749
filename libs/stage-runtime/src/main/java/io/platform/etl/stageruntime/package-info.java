/**
 * What every stage service shares. A stage implements {@link io.platform.etl.stageruntime.StageTopology} (one bean)
 * and sets {@code stage.type}; the runtime reads the pipeline spec, builds and runs one {@code KafkaStreams}
 * (exactly_once_v2) around the stage's logic, routes unreadable records to the dead-letter topic, classifies
 * errors, and exposes metrics and health. Dynamic rules come from {@link io.platform.etl.stageruntime.rules.StageRules}.
 */
package io.platform.etl.stageruntime;
