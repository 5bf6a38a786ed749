package io.platform.etl.model.rules.enrich;

import io.platform.etl.model.event.EventCodec;
import io.platform.etl.model.rules.Validated;
import io.platform.etl.model.rules.RuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnrichmentRulesTest {

    private static final String SEED = """
            {"sources":[
              {"name":"user_profiles","type":"database","connection":"postgresql://user-db:5432/profiles","cache_ttl":"300s"},
              {"name":"geo_location","type":"api","endpoint":"http://geo-service:8080/location","timeout":"2s","retry_count":2}],
             "rules":[
              {"source":"user_profiles","join_key":"user_id","select_fields":["age","region","subscription_tier"]},
              {"source":"geo_location","condition":"ip_address IS NOT NULL","join_key":"ip_address","select_fields":["country","city"]}]}""";

    private static Validated<EnrichmentRuleSet> read(String json) throws Exception {
        return EnrichmentRuleReader.read(EventCodec.mapper().readTree(json));
    }

    private static List<String> errors(String json) throws Exception {
        return read(json).violations().stream().map(RuleViolation::toString).toList();
    }

    @Test
    void readsTheSeedSourcesAndRules() throws Exception {
        EnrichmentRuleSet set = read(SEED).orElseThrow();
        assertThat(set.sources()).hasSize(2);
        EnrichmentSource profiles = set.source("user_profiles").orElseThrow();
        assertThat(profiles.type()).isEqualTo(SourceType.DATABASE);
        assertThat(profiles.cacheTtl()).isEqualTo(Duration.ofMinutes(5));
        EnrichmentSource geo = set.source("geo_location").orElseThrow();
        assertThat(geo.type()).isEqualTo(SourceType.API);
        assertThat(geo.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(geo.retryCount()).isEqualTo(2);
        assertThat(set.rules().get(1).conditionAsFilter()).hasValueSatisfying(c -> {
            assertThat(c.field()).isEqualTo("ip_address");
            assertThat(c.operator().jsonName()).isEqualTo("not_null");
        });
        assertThat(set.rules().get(0).conditionAsFilter()).isEmpty();
    }

    @Test
    void readsTheSeedSourceWithJoinRules() throws Exception {
        Validated<EnrichmentSource> source = EnrichmentRuleReader.readSource(EventCodec.mapper().readTree("""
                {"name":"product_catalog","type":"database","connection":"postgresql://product-db:5432/catalog",
                 "cache_ttl":"600s","join_rules":[{"join_key":"product_id","select_fields":["category","price","brand"]}]}"""));
        assertThat(source.violations()).isEmpty();
        EnrichmentRuleSet set = new EnrichmentRuleSet(List.of(source.value()), List.of());
        assertThat(set.effectiveRules()).containsExactly(new EnrichmentRule("product_catalog", "product_id",
                List.of("category", "price", "brand"), null));
        assertThat(set.validate()).isEmpty();
    }

    @Test
    void rejectsRuleReferencingUnknownSource() throws Exception {
        assertThat(errors("""
                {"sources":[{"name":"a","type":"api","endpoint":"http://x"}],
                 "rules":[{"source":"a","join_key":"k","select_fields":["f"]},{"source":"b","join_key":"k","select_fields":["f"]}]}"""))
                .containsExactly("rules[1].source: unknown source \"b\"");
    }

    @Test
    void rejectsDuplicateSourceNames() throws Exception {
        assertThat(errors("""
                {"sources":[{"name":"a","type":"api","endpoint":"http://x"},{"name":"a","type":"api","endpoint":"http://y"}]}"""))
                .containsExactly("sources[1].name: duplicate source \"a\" (also at sources[0])");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://user:secret@db:5432/profiles", "postgresql://user:@db/x",
            "jdbc:postgresql://db/x?user=a&password=b", "postgresql://db/x?sslmode=require&PASSWORD=b",
            "mongodb://u:p@mongo:27017/enrichment"})
    void rejectsPasswordsInConnection(String connection) throws Exception {
        assertThat(errors("{\"sources\":[{\"name\":\"a\",\"type\":\"database\",\"connection\":\"" + connection + "\"}]}"))
                .containsExactly("sources[0].connection: must not contain a password (give credentials through credentials_secret)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://user-db:5432/profiles", "postgresql://reader@db:5432/x",
            "jdbc:postgresql://db:5432/x?sslmode=require", "postgresql://db/x?passthrough=1"})
    void acceptsConnectionsWithoutPassword(String connection) throws Exception {
        assertThat(errors("{\"sources\":[{\"name\":\"a\",\"type\":\"database\",\"connection\":\"" + connection + "\"}]}"))
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"name\":\"a\",\"type\":\"api\"}                                   | sources[0].endpoint: required for type api",
            "{\"name\":\"a\",\"type\":\"database\"}                              | sources[0].connection: required for type database",
            "{\"type\":\"api\",\"endpoint\":\"http://x\"}                        | sources[0].name: required",
            "{\"name\":\"a\",\"endpoint\":\"http://x\"}                          | sources[0].type: required",
            "{\"name\":\"a\",\"type\":\"ftp\"}                                   | `sources[0].type: unknown source type \"ftp\"`",
            "{\"name\":\"a\",\"type\":\"api\",\"endpoint\":\"http://x\",\"timeout\":\"2 sec\"} | `sources[0].timeout: not a duration (\"2 sec\")`",
            "{\"name\":\"a\",\"type\":\"api\",\"endpoint\":\"http://x\",\"timeout\":\"0s\"}    | sources[0].timeout: must be positive",
            "{\"name\":\"a\",\"type\":\"api\",\"endpoint\":\"http://x\",\"retry_count\":-1}    | sources[0].retry_count: must be between 0 and 10, was -1",
            "{\"name\":\"a\",\"type\":\"api\",\"endpoint\":\"http://u:p@x\"}     | sources[0].endpoint: must not contain a password (give credentials through credentials_secret)",
            "{\"name\":\"a\",\"type\":\"api\",\"endpoint\":\"http://x\",\"join_rules\":[{\"select_fields\":[\"f\"]}]} | sources[0].join_rules[0].join_key: required",
            "{\"name\":\"a\",\"type\":\"api\",\"endpoint\":\"http://x\",\"url\":\"y\"} | sources[0].url: unknown field",
    })
    void reportsSourceViolations(String source, String expected) throws Exception {
        assertThat(errors("{\"sources\":[" + source + "]}")).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"source\":\"s\",\"select_fields\":[\"f\"]}                         | rules[0].join_key: required",
            "{\"source\":\"s\",\"join_key\":\"k\"}                                | rules[0].select_fields: required",
            "{\"source\":\"s\",\"join_key\":\"k\",\"select_fields\":[]}           | rules[0].select_fields: required",
            "{\"join_key\":\"k\",\"select_fields\":[\"f\"]}                       | rules[0].source: required",
            "{\"source\":\"s\",\"join_key\":\"k\",\"select_fields\":[\"f\"],\"condition\":\"ip_address EXISTS\"} | `rules[0].condition: unsupported condition \"ip_address EXISTS\" (expected \"<field> IS [NOT] NULL\" or \"<field> <op> <literal>\")`",
    })
    void reportsRuleViolations(String rule, String expected) throws Exception {
        assertThat(errors("{\"sources\":[{\"name\":\"s\",\"type\":\"api\",\"endpoint\":\"http://x\"}],\"rules\":["
                + rule + "]}")).containsExactly(expected);
    }

    @Test
    void jsonRoundTrip() throws Exception {
        EnrichmentRuleSet set = read(SEED).orElseThrow();
        String json = EventCodec.mapper().writeValueAsString(set);
        assertThat(json).contains("\"cache_ttl\":\"5m\"", "\"retry_count\":2", "\"join_key\":\"user_id\"",
                "\"select_fields\":[\"age\",\"region\",\"subscription_tier\"]").doesNotContain("join_rules");
        assertThat(EventCodec.mapper().readValue(json, EnrichmentRuleSet.class)).isEqualTo(set);
        assertThat(read(json).orElseThrow()).isEqualTo(set);
    }
}
