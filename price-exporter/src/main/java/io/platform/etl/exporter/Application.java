package io.platform.etl.exporter;

import io.micronaut.runtime.Micronaut;

/** Entry point of the Price exporter service. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
