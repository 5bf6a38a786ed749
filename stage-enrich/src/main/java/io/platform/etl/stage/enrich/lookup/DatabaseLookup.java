package io.platform.etl.stage.enrich.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A {@code database} source: rows of table {@code <source name>} by {@code <join key> = ANY(?)}, one query per batch
 * for all keys not in the cache (ADR 0801). Absent keys are cached as misses. Identifiers are validated when the
 * plan is compiled ({@link SqlNames}) and quoted here.
 */
final class DatabaseLookup implements Lookup {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String source;
    private final String sql;
    private final List<String> columns;
    private final DataSource dataSource;
    private final Duration timeout;
    private final Executor executor;
    private final ResultCache cache;
    private final Resilience resilience;
    private final LookupMetrics metrics;

    DatabaseLookup(String source, String keyColumn, List<String> columns, DataSource dataSource, Duration timeout,
                   Executor executor, ResultCache cache, Resilience resilience, LookupMetrics metrics) {
        this.source = source;
        this.columns = List.copyOf(columns);
        this.sql = "SELECT " + SqlNames.quote(keyColumn) + "::text"
                + columns.stream().map(c -> ", " + SqlNames.quote(c)).reduce("", String::concat)
                + " FROM " + SqlNames.quote(source) + " WHERE " + SqlNames.quote(keyColumn) + " = ANY(?)";
        this.dataSource = dataSource;
        this.timeout = timeout;
        this.executor = executor;
        this.cache = cache;
        this.resilience = resilience;
        this.metrics = metrics;
    }

    @Override
    public String source() {
        return source;
    }

    String sql() {
        return sql;
    }

    @Override
    public CompletableFuture<Map<String, LookupResult>> resolve(Set<String> keys) {
        Map<String, LookupResult> results = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            LookupResult cached = cache.get(key);
            metrics.cache(source, cached != null);
            if (cached != null) {
                results.put(key, cached);
            } else {
                missing.add(key);
            }
        }
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(results);
        }
        return resilience.call(() -> query(missing)).handle((rows, error) -> {
            for (String key : missing) {
                LookupResult result = error != null ? new LookupResult.Failed(Resilience.reason(error))
                        : rows.getOrDefault(key, LookupResult.MISS);
                cache.put(key, result);
                results.put(key, result);
            }
            return results;
        });
    }

    private CompletableFuture<Map<String, LookupResult>> query(List<String> keys) {
        return CompletableFuture.supplyAsync(() -> {
            metrics.request(source);
            try {
                return select(keys);
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, executor).orTimeout(timeout.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
    }

    private Map<String, LookupResult> select(List<String> keys) throws SQLException {
        Map<String, LookupResult> rows = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
            Array array = c.createArrayOf("text", keys.toArray());
            s.setArray(1, array);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, JsonNode> fields = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        JsonNode value = json(rs.getObject(i + 2));
                        if (value != null) {
                            fields.put(columns.get(i), value);
                        }
                    }
                    rows.put(rs.getString(1), new LookupResult.Hit(fields));
                }
            }
        }
        return rows;
    }

    private static JsonNode json(Object value) {
        return switch (value) {
            case null -> null;
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Short s -> NODES.numberNode(s);
            case BigDecimal d -> NODES.numberNode(d);
            case Double d -> NODES.numberNode(d);
            case Float f -> NODES.numberNode(f);
            case Boolean b -> NODES.booleanNode(b);
            default -> NODES.textNode(value.toString());
        };
    }
}
