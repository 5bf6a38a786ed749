package io.platform.etl.exporter.run;

import io.platform.etl.exporter.catalog.CatalogReader;
import io.platform.etl.exporter.config.ExportSettings;
import io.platform.etl.exporter.config.StorageProperties;
import io.platform.etl.exporter.metrics.ExportMetrics;
import io.platform.etl.exporter.notify.Notifier;
import io.platform.etl.exporter.notify.RunSummary;
import io.platform.etl.exporter.output.OutputFormat;
import io.platform.etl.exporter.output.WrittenFile;
import io.platform.etl.exporter.storage.ManifestPublisher;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One export of the run date: under the advisory lock, exports every active client not yet published for
 * that date (resume), then writes the manifest last, recording the attempt in export_runs. Safe to call
 * again for the same date: finished clients are skipped, and a fully published date is a no-op unless
 * EXPORT_FORCE is set.
 */
@Singleton
public class ExportJob {

    private static final Logger LOG = LoggerFactory.getLogger(ExportJob.class);

    private final ExportSettings settings;
    private final ExportLock lock;
    private final ExportRunRepository runs;
    private final CatalogReader catalog;
    private final ClientExporter clientExporter;
    private final ManifestPublisher manifests;
    private final FaultInjector faults;
    private final ExportMetrics metrics;
    private final Notifier notifier;
    private final String bucket;
    private final int uploadConcurrency;
    private final Clock clock;

    public ExportJob(ExportSettings settings, ExportLock lock, ExportRunRepository runs, CatalogReader catalog,
                     ClientExporter clientExporter, ManifestPublisher manifests, FaultInjector faults,
                     ExportMetrics metrics, Notifier notifier, StorageProperties storage) {
        this.settings = settings;
        this.lock = lock;
        this.runs = runs;
        this.catalog = catalog;
        this.clientExporter = clientExporter;
        this.manifests = manifests;
        this.faults = faults;
        this.metrics = metrics;
        this.notifier = notifier;
        this.bucket = storage.bucket();
        this.uploadConcurrency = storage.uploadConcurrency();
        this.clock = Clock.systemUTC();
    }

    /**
     * Runs the export. Returns the outcome of a run that started (SUCCEEDED, SKIPPED or FAILED, recorded in
     * export_runs); throws when it could not start (lock held elsewhere, database unreachable).
     */
    public ExportResult run() throws Exception {
        UUID runId = UUID.randomUUID();
        LocalDate runDate = settings.runDate(clock);
        MDC.put("run_id", runId.toString());
        MDC.put("run_date", runDate.toString());
        try (ExportLock.Held held = lock.acquire()) {
            ExportResult result = runLocked(runId, runDate);
            metrics.recordRun(result);
            notifier.send(RunSummary.of(result, bucket));
            return result;
        } catch (Exception e) {
            LOG.error("Price export for {} could not start: {}", runDate, e.getMessage());
            metrics.recordFailureBeforeStart();
            notifier.send(RunSummary.notStarted(e.getMessage()));
            throw e;
        } finally {
            MDC.remove("run_id");
            MDC.remove("run_date");
        }
    }

    private ExportResult runLocked(UUID runId, LocalDate runDate) throws Exception {
        List<OutputFormat> formats = settings.formats();
        long startNanos = System.nanoTime();
        runs.start(runId, runDate, formats, clock.instant());
        LOG.info("Price export started for {} (formats {})", runDate, formats);
        int total = 0;
        int resumed = 0;
        AtomicInteger uploaded = new AtomicInteger();
        ProgressTracker progress = new ProgressTracker(0, settings.props().progressInterval());
        ExportResult result;
        try (CatalogReader.Snapshot snapshot = catalog.open()) {
            if (settings.props().force()) {
                runs.clearProgress(runDate);
            }
            ResumePlan plan = ResumePlan.of(snapshot.activeClients(), publishedFormats(runDate), formats);
            total = plan.clients().size();
            resumed = plan.resumed();
            progress = new ProgressTracker(total, settings.props().progressInterval());
            if (plan.missing().isEmpty() && runs.manifestPublished(runDate)) {
                LOG.info("Price export for {} already published ({} clients); nothing to do", runDate, total);
                result = result(runId, runDate, RunStatus.SKIPPED, total, 0, resumed, 0, 0, startNanos, null, null);
            } else {
                if (resumed > 0) {
                    LOG.info("Resuming: {} of {} clients already published for {}", resumed, total, runDate);
                }
                String manifestKey = execute(runId, runDate, snapshot, plan, progress, uploaded);
                result = result(runId, runDate, RunStatus.SUCCEEDED, total, progress.clientsDone(), resumed,
                        uploaded.get(), progress.rows(), startNanos, manifestKey, null);
                LOG.info("Price export for {} succeeded: {} clients exported, {} resumed, {} files, {} rows, {} rows/s",
                        runDate, progress.clientsDone(), resumed, uploaded.get(), progress.rows(),
                        progress.averageRate());
            }
        } catch (Exception e) {
            MDC.remove("client");
            String error = describe(e);
            LOG.error("Price export for {} failed after {} of {} clients: {}", runDate,
                    progress.clientsDone() + resumed, total, error, e);
            result = result(runId, runDate, RunStatus.FAILED, total, progress.clientsDone(), resumed, uploaded.get(),
                    progress.rows(), startNanos, null, error);
        }
        runs.finish(result, clock.instant());
        return result;
    }

    /** Writes and uploads the plan's missing files on parallel lanes, then publishes the manifest; its key. */
    private String execute(UUID runId, LocalDate runDate, CatalogReader.Snapshot snapshot, ResumePlan plan,
                           ProgressTracker progress, AtomicInteger uploaded) throws Exception {
        Path workDir = Files.createDirectories(settings.workDir().resolve(runId.toString()));
        try (UploadQueue uploads = new UploadQueue(uploadConcurrency)) {
            new ClientLanes(settings.props().readers(), faults).run(snapshot, plan.pending(), (reader, client) -> {
                for (WrittenFile file : clientExporter.write(reader, runDate, client,
                        plan.missing().get(client.code()), workDir, progress)) {
                    uploads.submit(() -> {
                        clientExporter.publish(runId, runDate, client.code(), file);
                        uploaded.incrementAndGet();
                    });
                }
                progress.clientDone();
            });
            uploads.awaitAll();
        }
        return manifests.publish(runId, runDate, new LinkedHashSet<>(plan.codes()), settings.formats(),
                runs.progress(runDate));
    }

    private Map<String, Set<OutputFormat>> publishedFormats(LocalDate runDate) throws Exception {
        Map<String, Set<OutputFormat>> published = new HashMap<>();
        for (ProgressEntry e : runs.progress(runDate)) {
            published.computeIfAbsent(e.clientCode(), k -> new LinkedHashSet<>()).add(e.format());
        }
        return published;
    }

    private static ExportResult result(UUID runId, LocalDate runDate, RunStatus status, int total, int done,
                                       int resumed, int files, long rows, long startNanos, String manifestKey,
                                       String error) {
        return new ExportResult(runId, runDate, status, total, done, resumed, files, rows,
                Duration.ofNanos(System.nanoTime() - startNanos), manifestKey, error);
    }

    /** The exception and its root cause, short enough for export_runs.error and a chat message. */
    static String describe(Throwable e) {
        Throwable root = ExceptionUtils.getRootCause(e);
        String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (root != e) {
            msg += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return msg.length() > 2000 ? msg.substring(0, 2000) : msg;
    }
}
