package io.platform.etl.rules.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.platform.etl.rules.client.api.DeduplicationRulesApi;
import io.platform.etl.rules.client.api.EnrichmentRulesApi;
import io.platform.etl.rules.client.api.FilterRulesApi;
import io.platform.etl.rules.client.api.HistoryApi;
import io.platform.etl.rules.client.model.DeduplicationConfig;
import io.platform.etl.rules.client.model.DeduplicationRulesRequest;
import io.platform.etl.rules.client.model.DeduplicationRulesView;
import io.platform.etl.rules.client.model.EnrichmentRule;
import io.platform.etl.rules.client.model.EnrichmentRulesRequest;
import io.platform.etl.rules.client.model.EnrichmentSource;
import io.platform.etl.rules.client.model.EnrichmentSourceRequest;
import io.platform.etl.rules.client.model.EnrichmentRulesView;
import io.platform.etl.rules.client.model.FilterRule;
import io.platform.etl.rules.client.model.FilterRulesRequest;
import io.platform.etl.rules.client.model.FilterRulesView;
import io.platform.etl.rules.client.model.HistoryEntry;
import io.platform.etl.rules.client.model.HistoryPage;
import io.platform.etl.rules.client.model.RollbackRequest;
import io.platform.etl.rules.support.TestApp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A client generated from the committed contract openapi/rules-api.yml (target/generated-client) against the
 * running service, started as rules-api's own ITs start it ({@link TestApp}: test kit PostgreSQL, Redis, OIDC).
 * Every call goes through the generated types, so a contract that misdescribes a body fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedClientIT {

    private EmbeddedServer server;
    private ApiClient writer;
    private ApiClient reader;

    @BeforeAll
    void start() {
        Map<String, Object> properties = new HashMap<>(TestApp.properties(this));
        server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        writer = client(TestApp.writerToken());
        reader = client(TestApp.readerToken());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(server.getURL().toString());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    @Test
    void writesReadsAndListsTheHistoryOfFilterRules() throws ApiException {
        FilterRulesApi filters = new FilterRulesApi(writer);
        FilterRulesRequest first = new FilterRulesRequest().pipeline("p-filter").rules(List.of(
                new FilterRule().id("types").field("event_type").operator(FilterRule.OperatorEnum.IN)
                        .values(List.of("click", "purchase")),
                new FilterRule().id("big").field("amount").operator(FilterRule.OperatorEnum.GT).value(100)));

        ApiResponse<FilterRulesView> created = filters.createFilterRulesWithHttpInfo(first, null);
        String etag = created.getHeaders().get("etag").get(0);
        FilterRulesView replaced = filters.replaceFilterRules(new FilterRulesRequest().pipeline("p-filter")
                .rules(List.of(new FilterRule().field("user_id").operator(FilterRule.OperatorEnum.NOT_NULL))), etag);
        FilterRulesView read = new FilterRulesApi(reader).getFilterRules("p-filter");
        HistoryPage history = new HistoryApi(reader).getHistory("filter-rules", "p-filter", 0, 10);

        assertThat(etag).isEqualTo("\"1\"");
        assertThat(created.getData().getRules()).extracting(FilterRule::getId).containsExactly("types", "big");
        assertThat(created.getData().getRules().get(0).getValues()).containsExactly("click", "purchase");
        assertThat(created.getData().getRules().get(1).getValue()).isEqualTo(100);
        assertThat(replaced.getVersion()).isEqualTo(2);
        assertThat(read.getVersion()).isEqualTo(2);
        assertThat(read.getUpdatedBy()).isEqualTo("alice");
        assertThat(read.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getField()).isEqualTo("user_id");
            assertThat(rule.getOperator()).isEqualTo(FilterRule.OperatorEnum.NOT_NULL);
        });
        assertThat(history.getTotal()).isEqualTo(2);
        assertThat(history.getVersions()).extracting(HistoryEntry::getVersion).containsExactly(2L, 1L);
        assertThat(history.getVersions()).extracting(HistoryEntry::getAuthor).containsOnly("alice");
    }

    @Test
    void aStaleIfMatchIsAnApiExceptionCarryingTheProblem() throws ApiException {
        FilterRulesApi filters = new FilterRulesApi(writer);
        FilterRulesRequest body = new FilterRulesRequest().pipeline("p-etag").rules(List.of());
        filters.createFilterRules(body, null);
        filters.createFilterRules(body, "\"1\"");

        assertThatThrownBy(() -> filters.replaceFilterRules(body, "\"1\""))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(412);
                    assertThat(e.getResponseHeaders().firstValue("Content-Type")).get().asString()
                            .startsWith("application/problem+json");
                });
    }

    @Test
    void rollsADeduplicationConfigBackToAnEarlierVersion() throws ApiException {
        DeduplicationRulesApi dedupe = new DeduplicationRulesApi(writer);
        dedupe.replaceDeduplicationRules(new DeduplicationRulesRequest().pipeline("p-rollback").config(
                new DeduplicationConfig().keyFields(List.of("event_id")).windowSize("2h")), null);
        dedupe.replaceDeduplicationRules(new DeduplicationRulesRequest().pipeline("p-rollback").config(
                new DeduplicationConfig().keyFields(List.of("user_id")).windowSize("30m")), null);

        DeduplicationRulesView rolledBack = new HistoryApi(writer).rollbackDeduplicationRules(
                new RollbackRequest().pipeline("p-rollback").version(1L), null);
        DeduplicationRulesView current = new DeduplicationRulesApi(reader).getDeduplicationRules("p-rollback");
        HistoryPage history = new HistoryApi(reader).getHistory("deduplication-rules", "p-rollback", null, null);

        assertThat(rolledBack.getVersion()).isEqualTo(3);
        assertThat(rolledBack.getConfig().getKeyFields()).containsExactly("event_id");
        assertThat(current.getConfig().getKeyFields()).containsExactly("event_id");
        assertThat(current.getConfig().getWindowSize()).isEqualTo("2h");
        assertThat(history.getVersions().get(0).getRollbackOf()).isEqualTo(1L);
    }

    /** Each kind's rollback answers with that kind's view (an anyOf of the three once parsed a filter as dedupe). */
    @Test
    void rollsFilterRulesBackAndReadsTheAnswerAsFilterRules() throws ApiException {
        FilterRulesApi filters = new FilterRulesApi(writer);
        filters.replaceFilterRules(new FilterRulesRequest().pipeline("p-rollback").rules(List.of(
                new FilterRule().id("signed-in").field("user_id").operator(FilterRule.OperatorEnum.NOT_NULL))), null);
        filters.replaceFilterRules(new FilterRulesRequest().pipeline("p-rollback").rules(List.of()), null);

        FilterRulesView rolledBack = new HistoryApi(writer).rollbackFilterRules(
                new RollbackRequest().pipeline("p-rollback").version(1L), null);

        assertThat(rolledBack.getVersion()).isEqualTo(3);
        assertThat(rolledBack.getRules()).extracting(FilterRule::getId).containsExactly("signed-in");
        assertThat(new FilterRulesApi(reader).getFilterRules("p-rollback").getRules()).hasSize(1);
    }

    @Test
    void anAddedSourceIsReadWhereItsLocationPoints() throws ApiException {
        EnrichmentRulesApi enrichment = new EnrichmentRulesApi(writer);
        ApiResponse<EnrichmentRulesView> added = enrichment.addEnrichmentSourceWithHttpInfo(
                new EnrichmentSourceRequest().pipeline("p-enrich").source(new EnrichmentSource().name("geo")
                        .type(EnrichmentSource.TypeEnum.API).endpoint("http://geo-service/v1").timeout("2s")), null);
        String location = added.getHeaders().get("location").get(0);

        EnrichmentSource source = new EnrichmentRulesApi(reader).getEnrichmentSource("geo", "p-enrich");
        EnrichmentRulesView withRules = enrichment.replaceEnrichmentRules(new EnrichmentRulesRequest()
                .pipeline("p-enrich").rules(List.of(new EnrichmentRule().source("geo").joinKey("ip_address")
                        .selectFields(List.of("country")))), null);

        assertThat(added.getStatusCode()).isEqualTo(201);
        assertThat(location).isEqualTo("/api/v1/enrichment-rules/sources/geo?pipeline=p-enrich");
        assertThat(source.getEndpoint()).isEqualTo("http://geo-service/v1");
        assertThat(source.getTimeout()).isEqualTo("2s");
        assertThat(withRules.getSources()).as("sources left out of the request stay")
                .extracting(EnrichmentSource::getName).containsExactly("geo");
        assertThat(withRules.getRules()).singleElement().extracting(EnrichmentRule::getJoinKey).isEqualTo("ip_address");
    }
}
