package io.platform.etl.stage.enrich.rules;

import io.platform.etl.model.event.FieldPath;
import io.platform.etl.model.rules.RuleValidationException;
import io.platform.etl.model.rules.RuleViolation;
import io.platform.etl.model.rules.enrich.EnrichmentRule;
import io.platform.etl.model.rules.enrich.EnrichmentRuleSet;
import io.platform.etl.model.rules.enrich.EnrichmentSource;
import io.platform.etl.model.rules.filter.FilterEvaluator;
import io.platform.etl.stage.enrich.lookup.LookupRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a rule set: validates it (an invalid one is rejected, the last good version stays), then binds every rule
 * to a lookup. Rules of one source with the same join key share one lookup selecting the union of their fields, so
 * a key is fetched once per batch however many rules use it.
 */
public final class PlanCompiler {

    private final LookupRegistry registry;

    public PlanCompiler(LookupRegistry registry) {
        this.registry = registry;
    }

    /** Static sources and rules from the spec, with the dynamic ones layered on: a dynamic source replaces a static
     * one of the same name, dynamic rules follow the static ones. */
    public static EnrichmentRuleSet layer(EnrichmentRuleSet base, EnrichmentRuleSet dynamic) {
        Map<String, EnrichmentSource> sources = new LinkedHashMap<>();
        base.sources().forEach(s -> sources.put(s.name(), s));
        dynamic.sources().forEach(s -> sources.put(s.name(), s));
        List<EnrichmentRule> rules = new ArrayList<>(base.rules());
        rules.addAll(dynamic.rules());
        return new EnrichmentRuleSet(new ArrayList<>(sources.values()), rules);
    }

    public EnrichmentPlan compile(EnrichmentRuleSet set) {
        List<RuleViolation> violations = set.validate();
        if (!violations.isEmpty()) {
            throw new RuleValidationException(violations);
        }
        List<EnrichmentRule> rules = set.effectiveRules();
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        for (EnrichmentRule rule : rules) {
            fields.computeIfAbsent(rule.source() + '\u0000' + rule.joinKey(), k -> new LinkedHashSet<>())
                    .addAll(rule.selectFields());
        }
        List<PlannedRule> planned = new ArrayList<>();
        for (EnrichmentRule rule : rules) {
            EnrichmentSource source = set.source(rule.source()).orElseThrow();
            FilterEvaluator condition = rule.conditionAsFilter().map(c -> FilterEvaluator.compile(List.of(c)))
                    .orElse(FilterEvaluator.passAll());
            planned.add(new PlannedRule(source.name(), FieldPath.of(rule.joinKey()), condition, rule.selectFields(),
                    registry.lookup(source, rule.joinKey(),
                            List.copyOf(fields.get(rule.source() + '\u0000' + rule.joinKey())))));
        }
        return new EnrichmentPlan(planned);
    }
}
