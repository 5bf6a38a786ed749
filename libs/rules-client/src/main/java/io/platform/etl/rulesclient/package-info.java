/**
 * Dynamic rules from Redis for the stages: {@link io.platform.etl.rulesclient.RulesClient} reads the snapshot of one
 * (pipeline, kind) at start, applies every newer change notice at once, re-reads on a timer, keeps the last good
 * rules when Redis is unreachable (fail-static) and reports the applied version back to Redis. Format:
 * {@code libs/pipeline-model/REDIS-FORMAT.md}. Plain Java; {@code stage-runtime} wires it into Micronaut.
 */
package io.platform.etl.rulesclient;
