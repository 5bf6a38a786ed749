package io.platform.etl.stage.enrich.lookup;

import io.micrometer.core.instrument.MeterRegistry;
import io.platform.etl.model.rules.enrich.EnrichmentSource;
import io.platform.etl.model.rules.enrich.SourceType;
import io.platform.etl.stage.enrich.config.DatabaseConnection;
import io.platform.etl.stage.enrich.config.EnrichSettings;
import io.platform.etl.stageruntime.spec.StageSection;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each compiled rule version its {@link Lookup}s and keeps them across versions: an unchanged source keeps its
 * cache, circuit breaker and in-flight limit when other rules change, and a changed definition gets fresh ones.
 */
@Singleton
public class LookupRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LookupRegistry.class);

    private final EnrichSettings settings;
    private final ApiHosts hosts;
    private final ConnectTo connectTo;
    private final LookupMetrics metrics;
    private final ConnectionPools pools;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService jdbc = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Definition, SourceRuntime> sources = new ConcurrentHashMap<>();
    private final Map<LookupKey, Lookup> lookups = new ConcurrentHashMap<>();

    public LookupRegistry(EnrichSettings settings, List<DatabaseConnection> databases, MeterRegistry registry,
                          StageSection section) {
        this.settings = settings;
        this.hosts = new ApiHosts(settings.allowedApiHosts());
        this.connectTo = new ConnectTo(settings.apiConnectTo());
        this.metrics = new LookupMetrics(registry, section.name());
        this.pools = new ConnectionPools(databases);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "enrich-retry");
            t.setDaemon(true);
            return t;
        });
    }

    public LookupMetrics metrics() {
        return metrics;
    }

    /** The lookup of {@code joinKey} in {@code source} selecting {@code fields}; reused while the definition holds. */
    public Lookup lookup(EnrichmentSource source, String joinKey, List<String> fields) {
        LookupKey key = new LookupKey(Definition.of(source), joinKey, List.copyOf(fields));
        return lookups.computeIfAbsent(key, this::create);
    }

    private Lookup create(LookupKey key) {
        Definition d = key.definition();
        ResultCache cache = new ResultCache(d.cacheTtl(), settings.cacheMaxEntries());
        if (d.type() == SourceType.API) {
            if (!hosts.allowed(d.endpoint())) {
                LOG.warn("Source {}: endpoint {} is not on enrich.allowed-api-hosts {}; its lookups fail",
                        d.name(), d.endpoint(), settings.allowedApiHosts());
                return new FailingLookup(d.name(), "host_not_allowed");
            }
            SourceRuntime runtime = runtime(d);
            return new HttpLookup(d.name(), d.endpoint(), key.joinKey(), key.fields(), d.timeout(), http, hosts,
                    connectTo, cache, runtime.resilience(), runtime.limiter(), metrics);
        }
        if (!SqlNames.valid(d.name()) || !SqlNames.valid(key.joinKey())
                || !key.fields().stream().allMatch(SqlNames::valid)) {
            LOG.warn("Source {}: table, join key {} or fields {} are not plain SQL names; its lookups fail",
                    d.name(), key.joinKey(), key.fields());
            return new FailingLookup(d.name(), "bad_identifier");
        }
        return pools.pool(d.connection(), d.timeout())
                .<Lookup>map(pool -> new DatabaseLookup(d.name(), key.joinKey(), key.fields(), pool, d.timeout(),
                        jdbc, cache, runtime(d).resilience(), metrics))
                .orElseGet(() -> {
                    LOG.warn("Source {}: connection {} matches no enrich.databases entry; its lookups fail",
                            d.name(), d.connection());
                    return new FailingLookup(d.name(), "unavailable");
                });
    }

    private SourceRuntime runtime(Definition d) {
        return sources.computeIfAbsent(d, def -> new SourceRuntime(
                new Resilience(def.name(), def.retryCount(), settings, scheduler, metrics),
                new AsyncLimiter(settings.apiMaxInFlight())));
    }

    @PreDestroy
    @Override
    public void close() {
        scheduler.shutdownNow();
        jdbc.shutdownNow();
        pools.close();
        http.shutdownNow();
    }

    /** What makes two sources the same for caching and breaking: everything but their join rules. */
    record Definition(String name, SourceType type, String connection, String endpoint, Duration cacheTtl,
                      Duration timeout, int retryCount) {
        static Definition of(EnrichmentSource s) {
            return new Definition(s.name(), s.type(), s.connection(), s.endpoint(), s.cacheTtl(), s.timeout(),
                    s.retryCount());
        }
    }

    private record LookupKey(Definition definition, String joinKey, List<String> fields) {
    }

    private record SourceRuntime(Resilience resilience, AsyncLimiter limiter) {
    }
}
