package io.platform.etl.stage.dedupe;

import io.micronaut.runtime.Micronaut;

/** Entry point of the Deduplication stage service. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
