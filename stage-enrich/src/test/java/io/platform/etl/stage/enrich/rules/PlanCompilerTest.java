package io.platform.etl.stage.enrich.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.etl.model.rules.RuleValidationException;
import io.platform.etl.model.rules.enrich.EnrichmentRule;
import io.platform.etl.model.rules.enrich.EnrichmentRuleSet;
import io.platform.etl.model.rules.enrich.EnrichmentSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCompilerTest {

    private final EnrichmentRuleSet spec = new EnrichmentRuleSet(
            List.of(EnrichmentSource.database("user_profiles", "postgresql://user-db:5432/profiles"),
                    EnrichmentSource.api("geo_location", "http://geo-service:8080/location")),
            List.of(new EnrichmentRule("user_profiles", "user_id", List.of("age"), null)));

    @Test
    void aDynamicSourceReplacesTheStaticOneOfTheSameNameAndDynamicRulesFollowStaticOnes() {
        EnrichmentRuleSet dynamic = new EnrichmentRuleSet(
                List.of(EnrichmentSource.api("geo_location", "http://geo-v2:8080/location"),
                        EnrichmentSource.database("loyalty", "profiles")),
                List.of(new EnrichmentRule("loyalty", "user_id", List.of("points"), null)));
        EnrichmentRuleSet layered = PlanCompiler.layer(spec, dynamic);
        assertThat(layered.sources()).extracting(EnrichmentSource::name)
                .containsExactly("user_profiles", "geo_location", "loyalty");
        assertThat(layered.source("geo_location").orElseThrow().endpoint()).isEqualTo("http://geo-v2:8080/location");
        assertThat(layered.rules()).extracting(EnrichmentRule::source).containsExactly("user_profiles", "loyalty");
    }

    @Test
    void rejectsARuleSetWithAConditionOutsideTheGrammarBeforeBindingAnyLookup() {
        EnrichmentRuleSet bad = new EnrichmentRuleSet(spec.sources(),
                List.of(new EnrichmentRule("geo_location", "ip_address", List.of("country"), "ip_address LIKE '1%'")));
        assertThatThrownBy(() -> new PlanCompiler(null).compile(bad)).isInstanceOf(RuleValidationException.class)
                .hasMessageContaining("rules[0].condition");
    }

    @Test
    void rejectsARuleNamingAnUnknownSource() {
        EnrichmentRuleSet bad = new EnrichmentRuleSet(spec.sources(),
                List.of(new EnrichmentRule("crm", "user_id", List.of("segment"), null)));
        assertThatThrownBy(() -> new PlanCompiler(null).compile(bad)).isInstanceOf(RuleValidationException.class)
                .hasMessageContaining("unknown source");
    }
}
