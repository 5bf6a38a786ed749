package io.platform.etl.stage.dedupe;

import io.micronaut.context.annotation.Factory;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.model.spec.StageConfig;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stage.dedupe.engine.DedupeRules;
import io.platform.etl.stageruntime.rules.StageRules;
import io.platform.etl.stageruntime.spec.StageSection;
import jakarta.inject.Singleton;

/**
 * The dedupe rules: the spec's {@code config} until a snapshot of the {@code deduplication} rules arrives from Redis,
 * then that snapshot's config as a whole (it is a complete config, as {@code PUT /api/v1/deduplication-rules} takes).
 * An invalid snapshot is rejected and the last good rules stay.
 */
@Factory
public class DedupeRulesFactory {

    @Singleton
    RuleHolder<DedupeRules> dedupeRules(StageSection section, StageRules rules) {
        StageConfig.Deduplicate config = section.config(StageConfig.Deduplicate.class);
        return rules.holder(RuleKind.DEDUPLICATION, config.dynamicRules(),
                DedupeRules.compile(config.toDeduplicationConfig()),
                snapshot -> DedupeRules.compile(snapshot.deduplicationConfig()));
    }
}
