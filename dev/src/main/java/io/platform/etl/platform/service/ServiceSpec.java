package io.platform.etl.platform.service;

/** A service module the launcher can start: its directory name, main class and documented port. */
public record ServiceSpec(String name, String mainClass, int defaultPort) {

    /** Whether the service has a Swagger UI worth listing (the rules API). */
    public boolean hasSwaggerUi() {
        return "rules-api".equals(name);
    }
}
