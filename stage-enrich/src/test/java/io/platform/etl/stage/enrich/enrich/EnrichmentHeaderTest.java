package io.platform.etl.stage.enrich.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnrichmentHeaderTest {

    @Test
    void namesTheRuleVersionAndEachSourcesOutcomeInRuleOrder() {
        Map<String, String> outcomes = new LinkedHashMap<>();
        outcomes.put("user_profiles", "hit");
        outcomes.put("geo_location", "failed");
        byte[] value = EnrichmentHeader.encode(7, outcomes);
        assertThat(new String(value, StandardCharsets.UTF_8))
                .isEqualTo("version=7;user_profiles=hit;geo_location=failed");
        assertThat(EnrichmentHeader.decode(value)).containsExactly(Map.entry("version", "7"),
                Map.entry("user_profiles", "hit"), Map.entry("geo_location", "failed"));
    }
}
