package io.platform.etl.platform.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platform.etl.platform.infra.InfraSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo rule writes: from {@code rules-api/src/main/resources/demo/*.json} when the rules API ships them,
 * else the seed's API examples (002-streaming-pipeline-spec.md) for pipeline {@value InfraSpec#PIPELINE}.
 * A demo file is either {@code {"method", "path", "body"}} or a bare body whose endpoint its name tells
 * ({@code filter-rules*}, {@code deduplication-rules*}, {@code enrichment-rules-sources*} / {@code enrichment-sources*}).
 */
public final class DemoRequests {

    /** One write: HTTP method, path under the rules API, JSON body. */
    public record Request(String method, String path, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoRequests() {
    }

    public static List<Request> load(Path rulesApiModule) {
        Path dir = rulesApiModule.resolve("src/main/resources/demo");
        if (!Files.isDirectory(dir)) {
            return seedExamples();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Request> requests = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                requests.addAll(fromFile(f.getFileName().toString(), Files.readString(f)));
            }
            return requests.isEmpty() ? seedExamples() : requests;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    static List<Request> fromFile(String name, String text) throws IOException {
        JsonNode node = JSON.readTree(text);
        if (node.has("method") && node.has("path") && node.has("body")) {
            return List.of(new Request(node.get("method").asText(), node.get("path").asText(),
                    JSON.writeValueAsString(node.get("body"))));
        }
        if (node.has("pipeline") && (node.has("filter") || node.has("deduplication") || node.has("enrichment"))) {
            return combined(node);
        }
        if (name.contains("deduplication-rules")) {
            return List.of(new Request("PUT", "/api/v1/deduplication-rules", text));
        }
        if (name.contains("enrichment-rules-sources") || name.contains("enrichment-sources")) {
            return List.of(new Request("POST", "/api/v1/enrichment-rules/sources", text));
        }
        if (name.contains("filter-rules")) {
            return List.of(new Request("POST", "/api/v1/filter-rules", text));
        }
        throw new IllegalArgumentException("demo file " + name + " names no endpoint and has no method/path/body");
    }

    /** One document with {@code pipeline}, {@code filter}, {@code deduplication}, {@code enrichment} sections. */
    private static List<Request> combined(JsonNode doc) throws IOException {
        var p = doc.get("pipeline");
        List<Request> out = new ArrayList<>();
        if (doc.has("filter")) {
            out.add(new Request("POST", "/api/v1/filter-rules", JSON.writeValueAsString(
                    JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("pipeline", p).set("rules", doc.at("/filter/rules")))));
        }
        if (doc.has("deduplication")) {
            out.add(new Request("PUT", "/api/v1/deduplication-rules", JSON.writeValueAsString(
                    JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("pipeline", p).set("config", doc.get("deduplication")))));
        }
        if (doc.has("enrichment")) {
            out.add(new Request("PUT", "/api/v1/enrichment-rules", JSON.writeValueAsString(
                    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("enrichment").deepCopy()).set("pipeline", p))));
        }
        return out;
    }

    /** The seed's examples; the filter keeps only the event-type rule, as demo events carry no user_tier. */
    static List<Request> seedExamples() {
        String p = InfraSpec.PIPELINE;
        return List.of(
                new Request("POST", "/api/v1/filter-rules", """
                        {"pipeline": "%s", "rules": [
                          {"id": "rule-001", "field": "event_type", "operator": "in",
                           "values": ["click", "purchase", "signup", "view"], "enabled": true}]}""".formatted(p)),
                new Request("PUT", "/api/v1/deduplication-rules", """
                        {"pipeline": "%s", "config": {"window_size": "2h", "key_fields": ["event_id", "user_id"],
                         "algorithm": "exact", "cleanup_interval": "6h"}}""".formatted(p)),
                new Request("POST", "/api/v1/enrichment-rules/sources", """
                        {"pipeline": "%s", "source": {"name": "product_catalog", "type": "database",
                         "connection": "postgresql://product-db:5432/catalog", "cache_ttl": "600s",
                         "join_rules": [{"join_key": "product_id", "select_fields": ["category", "price", "brand"]}]}}"""
                        .formatted(p)));
    }
}
