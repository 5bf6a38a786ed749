package io.platform.etl.exporter.run;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long-running mode: one export per EXPORT_CRON tick (06:00 every day by default). Created with the context
 * so the job's dependencies (database, storage client, metrics) are checked at start, not at 06:00.
 */
@Context
@Requires(property = "exporter.mode", notEquals = "once")
public class ExportScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ExportScheduler.class);

    private final ExportJob job;

    public ExportScheduler(ExportJob job) {
        this.job = job;
    }

    @Scheduled(cron = "${exporter.cron}", zoneId = "${exporter.zone}")
    void tick() {
        try {
            job.run();
        } catch (LockUnavailableException e) {
            LOG.warn("Scheduled export skipped: {}", e.getMessage());
        } catch (Exception e) {
            LOG.error("Scheduled export could not start", e);
        }
    }
}
