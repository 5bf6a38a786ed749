package io.platform.etl.exporter.run;

import io.platform.etl.exporter.config.ExportSettings;
import jakarta.inject.Singleton;

/**
 * Resume drill (EXPORT_FAIL_AFTER_CLIENTS): fails the run after the given number of clients were exported,
 * so that operators and tests can check that the next run resumes. Off (0) by default.
 */
@Singleton
public class FaultInjector {

    private final int failAfterClients;

    public FaultInjector(ExportSettings settings) {
        this.failAfterClients = settings.props().failAfterClients();
    }

    /** Called before the run starts its client number {@code index} (0-based, in client order). */
    void beforeClient(int index) {
        if (failAfterClients > 0 && index >= failAfterClients) {
            throw new IllegalStateException("Injected failure after " + failAfterClients
                    + " clients (EXPORT_FAIL_AFTER_CLIENTS)");
        }
    }
}
