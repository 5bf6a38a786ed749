package io.platform.etl.rules;

import io.micronaut.runtime.Micronaut;

/** Entry point of the Rules API service. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
