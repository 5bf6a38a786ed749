package io.platform.etl.stage.filter;

import io.micronaut.runtime.Micronaut;

/** Entry point of the Filter stage service. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
