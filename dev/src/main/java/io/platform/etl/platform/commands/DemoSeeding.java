package io.platform.etl.platform.commands;

import io.platform.etl.platform.demo.CatalogSeeder;
import io.platform.etl.platform.demo.DemoRequests;
import io.platform.etl.platform.demo.RuleSeeder;
import io.platform.etl.platform.demo.TokenClient;
import io.platform.etl.platform.infra.DemoUsers;
import io.platform.etl.platform.service.ServiceEnvironment;
import io.platform.etl.platform.service.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * Demo data for a fresh platform: rules through the rules API and the exporter's demo catalogue, each once per
 * data directory (a marker file in {@code .platform/data/} remembers it). Demo traffic runs in the infra JVM.
 * A seeding problem is reported but does not fail {@code up}.
 */
final class DemoSeeding {

    private DemoSeeding() {
    }

    static void run(Context ctx, List<ServiceSpec> services, java.util.Map<String, String> infra) {
        for (ServiceSpec s : services) {
            if (s.name().equals("rules-api")) {
                once(ctx, "demo-rules.done", () -> rules(ctx, s, infra));
            } else if (s.name().equals("price-exporter")) {
                once(ctx, "demo-catalog.done", () -> catalog(ctx, s, infra));
            }
        }
    }

    private static boolean rules(Context ctx, ServiceSpec rulesApi, java.util.Map<String, String> infra) {
        if (seedsItself(ctx.paths().module(rulesApi.name()))) {
            ctx.out().println("  demo rules: written by rules-api itself at start (RULES_DEMO_ENABLED=true)");
            return false;
        }
        String token = new TokenClient().token(infra.get("OIDC_TOKEN_ENDPOINT"), DemoUsers.WRITER);
        String base = "http://127.0.0.1:" + ctx.ports().service(rulesApi.defaultPort());
        var requests = DemoRequests.load(ctx.paths().module(rulesApi.name()));
        List<String> outcomes = new RuleSeeder().seed(base, token, requests);
        outcomes.forEach(o -> ctx.out().println("  demo rule: " + o));
        return outcomes.stream().allMatch(o -> o.matches(".*→ (2\\d\\d|409).*"));
    }

    private static boolean catalog(Context ctx, ServiceSpec exporter, java.util.Map<String, String> infra) {
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

    /** rules-api maps RULES_DEMO_ENABLED to its own demo loader: then it needs no HTTP seeding. */
    static boolean seedsItself(Path rulesApiModule) {
        try {
            Path yml = rulesApiModule.resolve("src/main/resources/application.yml");
            return Files.exists(yml) && Files.readString(yml).contains("RULES_DEMO_ENABLED");
        } catch (IOException e) {
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
