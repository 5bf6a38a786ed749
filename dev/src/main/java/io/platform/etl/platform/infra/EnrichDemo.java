package io.platform.etl.platform.infra;

import io.platform.etl.platform.demo.ProfileSeeder;
import io.platform.etl.testkit.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Deque;
import java.util.Map;

/**
 * What stage-enrich needs locally to enrich for real (ADR 0807): the geo-service stand-in answering from
 * {@code config/demo/geo.csv}, reached by the spec's unchanged rules through {@code ENRICH_API_CONNECT_TO}, and,
 * with the demo, the profiles of the demo users from {@code config/demo/user_profiles.csv}. Neither failing stops
 * the platform: enrichment then leaves those fields absent, as it would in production.
 */
public final class EnrichDemo {

    /** Key in {@code infra.env}: {@code 127.0.0.1:<port>} of the geo stand-in. */
    public static final String GEO_ADDRESS = "GEO_SERVICE_ADDRESS";
    static final Path GEO_TABLE = Path.of("config", "demo", "geo.csv");
    static final Path PROFILES = Path.of("config", "demo", "user_profiles.csv");

    private EnrichDemo() {
    }

    /** Runs in the infra JVM (working directory = the repository root); returns the entries for {@code infra.env}. */
    public static Map<String, String> start(Deque<AutoCloseable> started, PostgresServer pg, boolean demo) {
        if (demo) {
            try {
                int rows = ProfileSeeder.seed(PROFILES, pg.jdbcUrl("profiles"), pg.username(), pg.password());
                System.out.println("[infra] demo profiles: " + rows + " new row(s) in profiles.user_profiles");
            } catch (SQLException | RuntimeException e) {
                System.out.println("[infra] demo profiles: not seeded: " + e.getMessage());
            }
        }
        if (!Files.isRegularFile(GEO_TABLE)) {
            System.out.println("[infra] geo-service stand-in: not started (no " + GEO_TABLE + ")");
            return Map.of();
        }
        try {
            GeoTable table = GeoTable.read(GEO_TABLE);
            GeoStandIn geo = new GeoStandIn(table);
            started.push(geo);
            System.out.println("[infra] geo-service stand-in on " + geo.address() + " (" + table.size()
                    + " networks from " + GEO_TABLE + ")");
            return Map.of(GEO_ADDRESS, geo.address());
        } catch (RuntimeException e) {
            System.out.println("[infra] geo-service stand-in: not started: " + e.getMessage());
            return Map.of();
        }
    }

    /** For every service (stage-enrich reads it): the spec's geo-service address routed to the stand-in. */
    public static Map<String, String> serviceEnv(Map<String, String> infra) {
        String geo = infra.get(GEO_ADDRESS);
        return geo == null ? Map.of() : Map.of("ENRICH_API_CONNECT_TO", GeoStandIn.SPEC_ADDRESS + "=" + geo);
    }
}
