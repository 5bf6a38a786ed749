package io.platform.etl.stage.enrich.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.event.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@code api} source: {@code GET <endpoint>?<join key>=<value>} answering a JSON object (200 = hit, 404 = miss,
 * anything else = failure, retried). Cached keys need no I/O; concurrent lookups of one key share one call; at most
 * {@code enrich.api-max-in-flight} calls run at once; the endpoint's host is checked against the allowlist before
 * every call (ADR 0802, 0803).
 */
final class HttpLookup implements Lookup {

    private final String source;
    private final String endpoint;
    private final String parameter;
    private final List<String> fields;
    private final Duration timeout;
    private final HttpClient client;
    private final ApiHosts hosts;
    private final ConnectTo connectTo;
    private final ResultCache cache;
    private final Resilience resilience;
    private final AsyncLimiter limiter;
    private final LookupMetrics metrics;
    private final Map<String, CompletableFuture<LookupResult>> inFlight = new ConcurrentHashMap<>();

    HttpLookup(String source, String endpoint, String parameter, List<String> fields, Duration timeout,
               HttpClient client, ApiHosts hosts, ConnectTo connectTo, ResultCache cache, Resilience resilience,
               AsyncLimiter limiter, LookupMetrics metrics) {
        this.source = source;
        this.endpoint = endpoint;
        this.parameter = parameter;
        this.fields = List.copyOf(fields);
        this.timeout = timeout;
        this.client = client;
        this.hosts = hosts;
        this.connectTo = connectTo;
        this.cache = cache;
        this.resilience = resilience;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public CompletableFuture<Map<String, LookupResult>> resolve(Set<String> keys) {
        Map<String, CompletableFuture<LookupResult>> pending = new LinkedHashMap<>();
        for (String key : keys) {
            pending.put(key, one(key));
        }
        return CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, LookupResult> results = new HashMap<>();
            pending.forEach((key, future) -> results.put(key, future.join()));
            return results;
        });
    }

    private CompletableFuture<LookupResult> one(String key) {
        LookupResult cached = cache.get(key);
        metrics.cache(source, cached != null);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        CompletableFuture<LookupResult> mine = new CompletableFuture<>();
        CompletableFuture<LookupResult> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        call(key).whenComplete((result, error) -> {
            LookupResult r = error != null ? new LookupResult.Failed(Resilience.reason(error)) : result;
            cache.put(key, r);
            inFlight.remove(key, mine);
            mine.complete(r);
        });
        return mine;
    }

    private CompletableFuture<LookupResult> call(String key) {
        URI uri = URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + parameter + "="
                + URLEncoder.encode(key, StandardCharsets.UTF_8));
        if (!hosts.allowed(uri)) {
            return CompletableFuture.completedFuture(new LookupResult.Failed("host_not_allowed"));
        }
        HttpRequest request = HttpRequest.newBuilder(connectTo.route(uri)).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        return limiter.submit(() -> resilience.call(() -> {
            metrics.request(source);
            return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(this::read);
        }));
    }

    private LookupResult read(HttpResponse<byte[]> response) {
        if (response.statusCode() == 404) {
            return LookupResult.MISS;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(source + " answered HTTP " + response.statusCode());
        }
        JsonNode body;
        try {
            body = EventCodec.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(source + " answered a body that is not JSON", e);
        }
        if (body == null || !body.isObject()) {
            throw new IllegalStateException(source + " answered a body that is not a JSON object");
        }
        Map<String, JsonNode> selected = new LinkedHashMap<>();
        for (String field : fields) {
            JsonNode value = body.get(field);
            if (value != null && !value.isNull()) {
                selected.put(field, value);
            }
        }
        return new LookupResult.Hit(selected);
    }
}
