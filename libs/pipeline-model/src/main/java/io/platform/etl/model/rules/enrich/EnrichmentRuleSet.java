package io.platform.etl.model.rules.enrich;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.platform.etl.model.rules.RuleViolation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Sources and rules of the enrich stage, JSON {@code {"sources":[...],"rules":[...]}} (the payload of an
 * enrichment {@link io.platform.etl.model.rules.publish.RuleSnapshot}). Joins may also be declared inside a
 * source ({@code join_rules}); {@link #effectiveRules()} merges both.
 */
public record EnrichmentRuleSet(@JsonProperty("sources") List<EnrichmentSource> sources,
                                @JsonProperty("rules") List<EnrichmentRule> rules) {

    /** No sources, no rules. */
    public static final EnrichmentRuleSet EMPTY = new EnrichmentRuleSet(List.of(), List.of());

    public EnrichmentRuleSet {
        sources = sources == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(sources));
        rules = rules == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(rules));
    }

    /** The source with this name. */
    public Optional<EnrichmentSource> source(String name) {
        return sources.stream().filter(s -> s != null && name.equals(s.name())).findFirst();
    }

    /** {@link #rules()} followed by every source's {@code join_rules} as rules of that source. */
    @JsonIgnore
    public List<EnrichmentRule> effectiveRules() {
        List<EnrichmentRule> all = new ArrayList<>(rules);
        for (EnrichmentSource source : sources) {
            for (JoinRule join : source.joinRules()) {
                all.add(new EnrichmentRule(source.name(), join.joinKey(), join.selectFields(), join.condition()));
            }
        }
        return List.copyOf(all);
    }

    /**
     * Every violation: sources {@code sources[i].…} (name required/duplicate, type required, database needs
     * {@code connection}, api needs {@code endpoint}, no password in {@code connection}/{@code endpoint},
     * positive timeout/cache_ttl, retry_count ≥ 0, join rules complete) and rules {@code rules[i].…} (source
     * known, join_key and select_fields required, condition parseable).
     */
    public List<RuleViolation> validate() {
        return validate("sources", "rules");
    }

    /** As {@link #validate()} with other list paths (the spec calls them {@code enrichment_sources}/{@code rules}). */
    public List<RuleViolation> validate(String sourcesPath, String rulesPath) {
        List<RuleViolation> out = new ArrayList<>(EnrichmentSourceValidator.validate(sources, sourcesPath));
        for (int i = 0; i < rules.size(); i++) {
            String p = rulesPath + "[" + i + "]";
            EnrichmentRule rule = rules.get(i);
            if (rule == null) {
                out.add(new RuleViolation(p, "must not be null"));
                continue;
            }
            if (rule.source() == null || rule.source().isBlank()) {
                out.add(new RuleViolation(p + ".source", "required"));
            } else if (source(rule.source()).isEmpty()) {
                out.add(new RuleViolation(p + ".source", "unknown source \"" + rule.source() + "\""));
            }
            out.addAll(EnrichmentSourceValidator.validateJoin(rule.joinKey(), rule.selectFields(), rule.condition(), p));
        }
        return out;
    }
}
