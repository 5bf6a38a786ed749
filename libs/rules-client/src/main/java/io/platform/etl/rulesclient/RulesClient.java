package io.platform.etl.rulesclient;

import io.micrometer.core.instrument.MeterRegistry;
import io.platform.etl.model.rules.publish.AppliedVersionReport;
import io.platform.etl.model.rules.publish.RuleChangeNotice;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the dynamic rules of one (pipeline, kind) current, following {@code REDIS-FORMAT.md} (readers): snapshot at
 * start, every newer notice applied at once, a timer re-read as fallback, fail-static when Redis is unreachable
 * (including at start: the initial rules stay in effect and {@link #status()} says stale), versions only forward,
 * applied version reported under {@code appliedKey} with a TTL.
 * <p>
 * All reads and swaps run on one scheduler thread; the compiled rules are published through an
 * {@link AtomicReference}, so {@link #current()} is wait-free and a record always sees one whole version.
 */
public final class RulesClient<T> implements RuleHolder<T>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RulesClient.class);

    private final RulesClientSettings settings;
    private final SnapshotDecoder<T> decoder;
    private final Clock clock;
    private final AtomicReference<AppliedRules<T>> applied;
    private final RulesMetrics metrics;
    private final RedisLink link;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<Void> initialized = new CompletableFuture<>();
    private final String snapshotKey;
    private volatile boolean stale = true;
    private volatile Instant lastSuccess;
    private volatile String lastError;
    private volatile long lastRejectedVersion;

    /**
     * @param initial the rules in effect until a snapshot is applied (the spec's static rules), version 0
     * @param decoder compiles a snapshot (typically static + dynamic) into the immutable rule object
     */
    public RulesClient(RulesClientSettings settings, T initial, SnapshotDecoder<T> decoder, MeterRegistry registry,
                       Clock clock) {
        this.settings = settings;
        this.decoder = decoder;
        this.clock = clock;
        this.applied = new AtomicReference<>(new AppliedRules<>(0, initial, clock.instant()));
        this.snapshotKey = settings.keys().snapshotKey(settings.pipeline(), settings.kind());
        this.metrics = new RulesMetrics(registry, settings.pipeline(), settings.kind().jsonName(),
                () -> applied.get().version(), () -> stale);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rules-" + settings.kind().jsonName());
            thread.setDaemon(true);
            return thread;
        });
        this.link = new RedisLink(settings.redisUri(), settings.commandTimeout(), settings.keys().changesChannel(),
                this::onNotice, () -> submit(() -> refresh("reconnected")), () -> stale = true);
    }

    /** Starts reading: an immediate first read, then the timer. Returns at once (Redis may be down). */
    public void start() {
        scheduler.execute(() -> refresh("start"));
        long tick = settings.retryInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    @Override
    public AppliedRules<T> current() {
        return applied.get();
    }

    /** Completes when the first read finished (snapshot applied or confirmed absent); never fails. */
    public CompletableFuture<Void> initialized() {
        return initialized;
    }

    public RulesStatus status() {
        return new RulesStatus(applied.get().version(), stale, initialized.isDone(), lastSuccess, lastError);
    }

    public RulesClientSettings settings() {
        return settings;
    }

    private void submit(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Rules client closed; ignoring event");
        }
    }

    private void tick() {
        Instant last = lastSuccess;
        boolean due = stale || last == null
                || Duration.between(last, clock.instant()).compareTo(settings.refreshInterval()) >= 0;
        if (due) {
            refresh("timer");
        }
    }

    private void onNotice(String message) {
        try {
            RuleChangeNotice notice = RuleJson.readNotice(message);
            if (notice.pipeline().equals(settings.pipeline()) && notice.kind() == settings.kind()
                    && notice.version() > applied.get().version()) {
                submit(() -> refresh("notice v" + notice.version()));
            }
        } catch (RuntimeException e) {
            metrics.invalid();
            LOG.warn("Ignoring unreadable rule change notice: {}", e.getMessage());
        }
    }

    private void refresh(String why) {
        String json;
        try {
            json = link.get(snapshotKey); // connects first when the link is down
        } catch (RuntimeException e) {
            if (!stale || lastError == null) {
                LOG.warn("Rules store unreachable ({}); keeping {} rules v{}: {}", why, settings.kind(),
                        applied.get().version(), e.getMessage());
            }
            stale = true;
            lastError = "redis: " + e.getMessage();
            return;
        }
        if (stale && lastSuccess != null) {
            LOG.info("Rules store reachable again ({})", why);
        }
        stale = false;
        lastSuccess = clock.instant();
        if (json != null) {
            applyIfNewer(json);
        }
        initialized.complete(null);
        report();
    }

    private void applyIfNewer(String json) {
        long currentVersion = applied.get().version();
        RuleSnapshot snapshot;
        T rules;
        try {
            snapshot = RuleJson.readSnapshot(json);
            if (snapshot.version() <= currentVersion || snapshot.version() == lastRejectedVersion) {
                return;
            }
            if (!snapshot.pipeline().equals(settings.pipeline()) || snapshot.kind() != settings.kind()) {
                throw new IllegalStateException("snapshot under " + snapshotKey + " is for " + snapshot.pipeline()
                        + "/" + snapshot.kind());
            }
            rules = decoder.decode(snapshot);
        } catch (RuntimeException e) {
            rejected(json, e);
            return;
        }
        Instant now = clock.instant();
        AppliedRules<T> next = new AppliedRules<>(snapshot.version(), rules, now);
        applied.set(next);
        lastError = null;
        metrics.applied(Duration.between(snapshot.publishedAt(), now));
        LOG.info("Applied {} rules v{} (was v{})", settings.kind(), snapshot.version(), currentVersion);
    }

    private void rejected(String json, RuntimeException e) {
        metrics.invalid();
        lastError = "invalid snapshot: " + e.getMessage();
        try {
            lastRejectedVersion = RuleJson.readTree(json).path("version").asLong(0);
        } catch (RuntimeException ignored) {
            lastRejectedVersion = 0;
        }
        LOG.error("Rejected {} snapshot (keeping v{}): {}", settings.kind(), applied.get().version(), e.getMessage());
    }

    private void report() {
        AppliedRules<T> now = applied.get();
        AppliedVersionReport report = new AppliedVersionReport(settings.instanceId(), settings.stage(),
                settings.pipeline(), settings.kind(), now.version(), now.appliedAt());
        try {
            link.setWithTtl(settings.keys().appliedKey(settings.pipeline(), settings.kind(), settings.instanceId()),
                    RuleJson.write(report), settings.reportTtl());
        } catch (RuntimeException e) {
            LOG.debug("Could not report applied version: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        link.close();
    }
}
