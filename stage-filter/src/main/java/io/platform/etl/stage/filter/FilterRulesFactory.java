package io.platform.etl.stage.filter;

import io.micronaut.context.annotation.Factory;
import io.platform.etl.model.rules.filter.FilterEvaluator;
import io.platform.etl.model.rules.filter.FilterRuleSet;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.model.spec.StageConfig;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stageruntime.rules.StageRules;
import io.platform.etl.stageruntime.spec.StageSection;
import jakarta.inject.Singleton;

/**
 * The filter's rules: the spec's static conditions, ANDed with the dynamic filter rules from Redis. Each version is
 * compiled once into one immutable {@link FilterEvaluator} (static conditions first).
 */
@Factory
public class FilterRulesFactory {

    @Singleton
    RuleHolder<FilterEvaluator> filterRules(StageSection section, StageRules rules) {
        StageConfig.Filter config = section.config(StageConfig.Filter.class);
        FilterRuleSet staticRules = config.ruleSet();
        return rules.holder(RuleKind.FILTER, config.dynamicRules(), FilterEvaluator.compile(staticRules),
                snapshot -> FilterEvaluator.compile(staticRules.concat(snapshot.filterRules())));
    }
}
