package io.platform.etl.rules.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKind;
import org.junit.jupiter.api.Test;

class RuleDiffTest {

    @Test
    void enrichmentDiffNamesSourcesAndRulesThatChanged() {
        JsonNode before = RuleJson.readTree("""
                {"sources":[{"name":"a","type":"database","connection":"postgresql://x/y"},
                            {"name":"b","type":"api","endpoint":"http://geo/"}],
                 "rules":[{"source":"a","join_key":"user_id","select_fields":["age"]}]}""");
        JsonNode after = RuleJson.readTree("""
                {"sources":[{"name":"a","type":"database","connection":"postgresql://x/z"}],
                 "rules":[{"source":"a","join_key":"user_id","select_fields":["age","region"]}]}""");

        JsonNode diff = RuleDiff.between(RuleKind.ENRICHMENT, before, after);

        assertThat(diff.path("sources").path("removed").toString()).isEqualTo("[\"b\"]");
        assertThat(diff.path("sources").path("changed").get(0).path("fields").toString())
                .isEqualTo("[\"connection\"]");
        assertThat(diff.path("rules").path("changed").get(0).path("id").asText()).isEqualTo("a/user_id");
    }

    @Test
    void firstVersionListsEverythingAsAdded() {
        JsonNode diff = RuleDiff.between(RuleKind.DEDUPLICATION, null,
                RuleJson.readTree("{\"window_size\":\"1h\",\"key_fields\":[\"a\"]}"));
        assertThat(diff.path("config").path("added").toString()).isEqualTo("[\"key_fields\",\"window_size\"]");
    }
}
