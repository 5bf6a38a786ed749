package io.platform.etl.stage.enrich.rules;

import io.micronaut.context.annotation.Factory;
import io.platform.etl.model.rules.enrich.EnrichmentRuleSet;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.model.spec.StageConfig;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stage.enrich.lookup.LookupRegistry;
import io.platform.etl.stageruntime.rules.StageRules;
import io.platform.etl.stageruntime.spec.StageSection;
import jakarta.inject.Singleton;

/**
 * The enrich stage's rules: the spec's static sources and rules, with the dynamic enrichment rules from Redis layered
 * on top ({@link PlanCompiler#layer}). Each version is compiled once; a version that does not validate is rejected
 * and the last good one stays in effect.
 */
@Factory
public class EnrichRulesFactory {

    @Singleton
    RuleHolder<EnrichmentPlan> enrichmentRules(StageSection section, StageRules rules, LookupRegistry registry) {
        StageConfig.Enrich config = section.config(StageConfig.Enrich.class);
        EnrichmentRuleSet staticRules = config.ruleSet();
        PlanCompiler compiler = new PlanCompiler(registry);
        return rules.holder(RuleKind.ENRICHMENT, config.dynamicRules(), compiler.compile(staticRules),
                snapshot -> compiler.compile(PlanCompiler.layer(staticRules, snapshot.enrichmentRules())));
    }
}
