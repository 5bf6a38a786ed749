package io.platform.etl.platform.service;

import io.platform.etl.platform.cli.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The platform's services, in start order, and which of them exist in this checkout. */
public final class ServiceCatalog {

    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("rules-api", "io.platform.etl.rules.Application", 8080),
            new ServiceSpec("stage-filter", "io.platform.etl.stage.filter.Application", 8081),
            new ServiceSpec("stage-dedupe", "io.platform.etl.stage.dedupe.Application", 8082),
            new ServiceSpec("stage-enrich", "io.platform.etl.stage.enrich.Application", 8083),
            new ServiceSpec("stage-aggregate", "io.platform.etl.stage.aggregate.Application", 8084),
            new ServiceSpec("price-exporter", "io.platform.etl.exporter.Application", 8085));

    private ServiceCatalog() {
    }

    public static ServiceSpec byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new UsageException(
                "unknown service '" + name + "' (known: " + String.join(", ", names(ALL)) + ")"));
    }

    /** The services to start: the requested ones (all when empty) whose module has an {@code Application.java}. */
    public static List<ServiceSpec> select(Path root, List<String> requested) {
        List<ServiceSpec> wanted = requested.isEmpty() ? ALL : requested.stream().map(ServiceCatalog::byName).toList();
        List<ServiceSpec> missing = wanted.stream().filter(s -> !exists(root, s)).toList();
        if (!requested.isEmpty() && !missing.isEmpty()) {
            throw new UsageException("no service module for " + String.join(", ", names(missing))
                    + " (expected " + root.resolve(missing.getFirst().name()) + "/src/main/java/**/Application.java)");
        }
        return wanted.stream().filter(s -> exists(root, s)).toList();
    }

    static boolean exists(Path root, ServiceSpec service) {
        Path sources = root.resolve(service.name()).resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.anyMatch(f -> f.getFileName().toString().equals("Application.java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> names(List<ServiceSpec> services) {
        return services.stream().map(ServiceSpec::name).toList();
    }
}
