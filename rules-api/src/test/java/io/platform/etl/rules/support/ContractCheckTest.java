package io.platform.etl.rules.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract check refuses a response the contract does not allow, e.g. a 201 without its Location, and the
 * contract allows what the service accepts (cases GeneratedInputIT found at 10,000 requests).
 */
class ContractCheckTest {

    private static final URI ADD_SOURCE = URI.create("http://localhost/api/v1/enrichment-rules/sources");
    private static final String REQUEST = """
            {"pipeline":"p","source":{"name":"geo","type":"api","endpoint":"http://geo-service/v1"}}""";
    private static final String CREATED = """
            {"pipeline":"p","version":1,"updated_at":"2026-12-02T19:00:00Z","updated_by":"alice",
             "sources":[{"name":"geo","type":"api","endpoint":"http://geo-service/v1"}],"rules":[]}""";

    @Test
    void acceptsA201WithEtagAndLocation() {
        Api.Res res = created(Map.of("ETag", List.of("\"1\""), "Content-Type", List.of("application/json"),
                "Location", List.of("/api/v1/enrichment-rules/sources/geo?pipeline=p")));

        assertThatCode(() -> check(res)).doesNotThrowAnyException();
    }

    @Test
    void refusesA201WithoutLocation() {
        Api.Res res = created(Map.of("ETag", List.of("\"1\""), "Content-Type", List.of("application/json")));

        assertThatThrownBy(() -> check(res)).isInstanceOf(AssertionError.class).hasMessageContaining("Location");
    }

    @Test
    void allowsNullForOptionalMembersAsTheServiceReadsThemAsAbsent() {
        String request = """
                {"pipeline":"p","config":{"key_fields":["event_id"],"algorithm":"bloom_filter",
                 "false_positive_rate":null,"expected_insertions":null,"cleanup_interval":null}}""";
        String response = """
                {"pipeline":"p","version":1,"updated_at":"2026-12-02T19:00:00Z","updated_by":"alice",
                 "config":{"window_size":"1h","key_fields":["event_id"],"algorithm":"bloom_filter"}}""";
        Api.Res res = new Api.Res(200, HttpHeaders.of(Map.of("ETag", List.of("\"1\""), "Content-Type",
                List.of("application/json")), (name, value) -> true), response);

        assertThatCode(() -> ContractCheck.check("PUT", URI.create("http://localhost/api/v1/deduplication-rules"),
                Map.of("Content-Type", "application/json"), request, res)).doesNotThrowAnyException();
    }

    private static Api.Res created(Map<String, List<String>> headers) {
        return new Api.Res(201, HttpHeaders.of(headers, (name, value) -> true), CREATED);
    }

    private static void check(Api.Res res) {
        ContractCheck.check("POST", ADD_SOURCE, Map.of("Content-Type", "application/json"), REQUEST, res);
    }
}
