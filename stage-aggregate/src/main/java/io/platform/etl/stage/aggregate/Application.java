package io.platform.etl.stage.aggregate;

import io.micronaut.runtime.Micronaut;

/** Entry point of the Aggregation stage service. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
