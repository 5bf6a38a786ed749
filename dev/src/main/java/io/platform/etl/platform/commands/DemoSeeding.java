package io.platform.etl.platform.commands;

import io.platform.etl.platform.demo.CatalogSeeder;
import io.platform.etl.platform.service.ServiceEnvironment;
import io.platform.etl.platform.service.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Demo data for a fresh platform. rules-api writes its own demo rules at start ({@code RULES_DEMO_ENABLED=true},
 * never over an operator's version); demo traffic runs in the infra JVM; this applies the exporter's demo
 * catalogue once per data directory (a marker file in {@code .platform/data/} remembers it). A seeding problem is
 * reported but does not fail {@code up}.
 */
final class DemoSeeding {

    /** Named after the catalogue's revision: a data directory seeded with an older one gets the new prices. */
    static final String CATALOG_MARKER = "demo-catalog-v2.done";

    private DemoSeeding() {
    }

    static void run(Context ctx, List<ServiceSpec> services, Map<String, String> infra) {
        for (ServiceSpec s : services) {
            if (s.name().equals("rules-api")) {
                ctx.out().println("  demo rules: written by rules-api itself at start (RULES_DEMO_ENABLED=true)");
            } else if (s.name().equals("price-exporter")) {
                once(ctx, CATALOG_MARKER, () -> catalog(ctx, s, infra));
            }
        }
    }

    private static boolean catalog(Context ctx, ServiceSpec exporter, Map<String, String> infra) {
        List<Path> scripts = CatalogSeeder.scripts(ctx.paths().module(exporter.name()));
        if (scripts.isEmpty()) {
            return false;
        }
        try {
            CatalogSeeder.apply(scripts, ServiceEnvironment.jdbcUrl(infra, "catalog"), infra.get("PG_USER"),
                    infra.get("PG_PASSWORD"));
            ctx.out().println("  demo catalogue: applied " + scripts.stream().map(p -> p.getFileName().toString()).toList());
            return true;
        } catch (SQLException e) {
            ctx.out().println("  demo catalogue: not applied: " + e.getMessage());
            return false;
        }
    }

    private interface Seed {
        boolean apply();
    }

    private static void once(Context ctx, String marker, Seed seed) {
        Path file = ctx.paths().data().resolve(marker);
        if (Files.exists(file)) {
            return;
        }
        try {
            if (seed.apply()) {
                Files.writeString(file, java.time.Instant.now() + "\n");
            }
        } catch (RuntimeException | IOException e) {
            ctx.out().println("  demo: " + marker.replace(".done", "") + " not seeded: " + e.getMessage());
        }
    }
}
