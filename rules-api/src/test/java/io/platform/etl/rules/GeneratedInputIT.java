package io.platform.etl.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.rules.support.Api;
import io.platform.etl.rules.support.TestApp;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Generated input over every operation: valid bodies mutated at random places (odd types, NUL and lone surrogates,
 * huge numbers, deep nesting, missing and unknown members), broken JSON, odd query values and If-Match headers.
 * No input may yield a 5xx, every 4xx is a problem document, and every exchange matches the contract
 * ({@link Api} checks it). Seeded, so a failure can be replayed; {@code -Dfuzz.requests} scales it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedInputIT implements TestPropertyProvider {

    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    private static final long SEED = Long.getLong("fuzz.seed", 17L);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String P = "p-fuzz";

    /** method, path, a valid body (null: none). */
    private static final List<String[]> OPERATIONS = List.of(
            new String[] {"GET", "/api/v1/filter-rules?pipeline=" + P, null},
            new String[] {"POST", "/api/v1/filter-rules", "{\"pipeline\":\"p-fuzz\",\"rules\":[{\"id\":\"a\","
                    + "\"field\":\"event_type\",\"operator\":\"in\",\"values\":[\"click\",1]},{\"id\":\"b\",\"field\":"
                    + "\"amount\",\"operator\":\"gt\",\"value\":5},{\"field\":\"name\",\"operator\":\"regex\","
                    + "\"value\":\"^a+$\"}]}"},
            new String[] {"PUT", "/api/v1/filter-rules", "{\"pipeline\":\"p-fuzz\",\"rules\":[{\"field\":\"x\","
                    + "\"operator\":\"not_null\",\"enabled\":false}]}"},
            new String[] {"POST", "/api/v1/filter-rules/preview", "{\"pipeline\":\"p-fuzz\",\"rules\":[{\"field\":"
                    + "\"x\",\"operator\":\"equals\",\"value\":\"y\"}],\"events\":[{\"x\":\"y\",\"event_id\":\"e1\"},"
                    + "{\"x\":2}]}"},
            new String[] {"GET", "/api/v1/deduplication-rules?pipeline=" + P, null},
            new String[] {"PUT", "/api/v1/deduplication-rules", "{\"pipeline\":\"p-fuzz\",\"config\":{\"window_size\":"
                    + "\"2h\",\"key_fields\":[\"event_id\"],\"algorithm\":\"bloom_filter\",\"false_positive_rate\":0.01,"
                    + "\"expected_insertions\":1000}}"},
            new String[] {"GET", "/api/v1/enrichment-rules?pipeline=" + P, null},
            new String[] {"PUT", "/api/v1/enrichment-rules", "{\"pipeline\":\"p-fuzz\",\"rules\":[],\"sources\":[{"
                    + "\"name\":\"geo\",\"type\":\"api\",\"endpoint\":\"http://geo-service/v1\",\"cache_ttl\":\"5m\","
                    + "\"timeout\":\"2s\",\"retry_count\":2}]}"},
            new String[] {"POST", "/api/v1/enrichment-rules/sources", "{\"pipeline\":\"p-fuzz\",\"source\":{\"name\":"
                    + "\"db\",\"type\":\"database\",\"connection\":\"postgresql://db:5432/x\",\"join_rules\":[{"
                    + "\"join_key\":\"user_id\",\"select_fields\":[\"tier\"]}]}}"},
            new String[] {"PUT", "/api/v1/enrichment-rules/sources/geo?pipeline=" + P, "{\"source\":{\"type\":\"api\","
                    + "\"endpoint\":\"http://geo-service/v2\"}}"},
            new String[] {"GET", "/api/v1/enrichment-rules/sources/geo?pipeline=" + P, null},
            new String[] {"DELETE", "/api/v1/enrichment-rules/sources/db?pipeline=" + P, null},
            new String[] {"GET", "/api/v1/filter-rules/history?pipeline=" + P + "&page=0&size=5", null},
            new String[] {"POST", "/api/v1/deduplication-rules/rollback", "{\"pipeline\":\"p-fuzz\",\"version\":1}"},
            new String[] {"GET", "/api/v1/pipelines/" + P + "/status", null});

    private static final List<String> ODD_STRINGS = List.of("", " ", "\u0000", "a\ud800", "\udc00", "🙂", "x".repeat(300),
            "p-fuzz", "no-such-pipeline", "../..", "%00", "\"", "\\", "in", "regex", "^(a+)+\\1$", "(?=x)", "[",
            "((a{1000}){1000}){1000}", "2h", "-1s", "999999999999d", "http://169.254.169.254/", "null", "1e999");

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestApp.properties(this);
    }

    @Test
    void noGeneratedInputGetsA5xxAndEvery4xxIsAProblem() {
        Api api = new Api(URI.create(server.getURL().toString()));
        String writer = TestApp.writerToken();
        Random random = new Random(SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String[] op = OPERATIONS.get(random.nextInt(OPERATIONS.size()));
            String path = mutatePath(op[1], random);
            String body = op[2] == null ? null : mutateBody(op[2], random);
            String ifMatch = random.nextInt(8) == 0 ? pick(List.of("\"1\"", "*", "W/\"2\"", "x", "\"99\", \"1\""),
                    random) : null;
            Api.Res res;
            try {
                res = api.send(op[0], path, writer, body, ifMatch);
            } catch (AssertionError e) {
                failures.add("#" + i + " " + e.getMessage());
                continue;
            }
            statuses.merge(res.status(), 1, Integer::sum);
            if (res.status() >= 500 || res.status() >= 400 && !res.contentType().startsWith("application/problem+json")) {
                failures.add("#" + i + " " + op[0] + " " + path + " " + body + " → " + res.status() + " "
                        + res.body());
            }
        }
        System.out.println("GeneratedInputIT: " + REQUESTS + " requests, seed " + SEED + ", statuses " + statuses);
        assertThat(failures).as("statuses " + statuses).isEmpty();
        assertThat(statuses.keySet()).allMatch(status -> status < 500);
    }

    private static String mutatePath(String path, Random random) {
        if (random.nextInt(4) != 0) {
            return path;
        }
        String odd = java.net.URLEncoder.encode(pick(ODD_STRINGS, random), java.nio.charset.StandardCharsets.UTF_8);
        return switch (random.nextInt(4)) {
            case 0 -> path.replace(P, odd.isEmpty() ? "x" : odd);
            case 1 -> path.contains("size=") ? path.replace("size=5", "size=" + odd)
                    : path + (path.contains("?") ? "&" : "?") + "page=" + odd;
            case 2 -> path.replace("filter-rules/history", pick(List.of("enrichment-rules/history",
                    "deduplication-rules/history"), random));
            default -> path + (path.contains("?") ? "&" : "?") + "extra=" + odd;
        };
    }

    private static String mutateBody(String valid, Random random) {
        switch (random.nextInt(12)) {
            case 0 -> {
                return valid.substring(0, random.nextInt(valid.length())); // truncated JSON
            }
            case 1 -> {
                return "[" + valid + "]";
            }
            case 2 -> {
                return valid; // some writes succeed, so later ones meet existing versions
            }
            default -> {
                JsonNode root = RuleJson.readTree(valid);
                int mutations = 1 + random.nextInt(3);
                for (int m = 0; m < mutations; m++) {
                    mutate(root, random);
                }
                return RuleJson.write(root);
            }
        }
    }

    private static void mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = pick(containers, random);
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            int choice = random.nextInt(4);
            if (choice == 0 || names.isEmpty()) {
                object.set(random.nextBoolean() ? pick(ODD_STRINGS, random) : "extra", value(random, 0));
            } else if (choice == 1) {
                object.remove(pick(names, random));
            } else {
                object.set(pick(names, random), value(random, 0));
            }
        } else if (target instanceof ArrayNode array) {
            if (array.isEmpty() || random.nextBoolean()) {
                array.add(value(random, 0));
            } else {
                array.set(random.nextInt(array.size()), value(random, 0));
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }

    private static JsonNode value(Random random, int depth) {
        return switch (random.nextInt(depth > 3 ? 7 : 10)) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(random.nextBoolean());
            case 2 -> F.numberNode(random.nextLong());
            case 3 -> F.numberNode(new BigDecimal(pick(List.of("1e400", "-1e-400", "1e200000", "1e-20000", "0.5",
                    "-0", "12345678901234567890123"), random)));
            case 4, 5, 6 -> F.textNode(pick(ODD_STRINGS, random));
            case 7 -> {
                ArrayNode array = F.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(value(random, depth + 1));
                }
                yield array;
            }
            case 8 -> {
                ObjectNode object = F.objectNode();
                object.set(pick(List.of("field", "operator", "value", "values", "name", "type", "x"), random),
                        value(random, depth + 1));
                yield object;
            }
            default -> deep(random.nextInt(200));
        };
    }

    private static JsonNode deep(int levels) {
        JsonNode node = F.textNode("bottom");
        for (int i = 0; i < levels; i++) {
            node = F.arrayNode().add(node);
        }
        return node;
    }

    private static <T> T pick(List<T> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }
}
