package io.platform.etl.platform.health;

import io.platform.etl.platform.config.PortPlan;
import io.platform.etl.platform.infra.DemoUsers;
import io.platform.etl.platform.infra.InfraSpec;
import io.platform.etl.platform.infra.OidcServer;
import io.platform.etl.platform.service.ServiceEnvironment;
import io.platform.etl.platform.service.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a user needs to reach a running platform, as one list of entries rendered twice: a table for the
 * terminal and {@code KEY=value} lines for {@code .platform/env}.
 */
public final class EndpointReport {

    /** One endpoint: the component, what it is, its variable name in {@code .platform/env}, its value. */
    public record Entry(String component, String what, String key, String value) {
    }

    private final List<Entry> entries;

    private EndpointReport(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static EndpointReport of(List<ServiceSpec> services, PortPlan ports, Map<String, String> infra) {
        return of(services, ports, infra, Optional.empty());
    }

    /** With the local Prometheus' URL when {@code up --monitoring} started one. */
    public static EndpointReport of(List<ServiceSpec> services, PortPlan ports, Map<String, String> infra,
            Optional<String> prometheus) {
        List<Entry> e = new ArrayList<>();
        for (ServiceSpec s : services) {
            String base = "http://127.0.0.1:" + ports.service(s.defaultPort());
            String key = s.name().toUpperCase(Locale.ROOT).replace('-', '_');
            if (s.hasSwaggerUi()) {
                // localhost, as in the realm's redirect URI for Swagger UI's login (and Keycloak's pinned hostname).
                e.add(new Entry(s.name(), "Swagger UI", "SWAGGER_UI", "http://localhost:" + ports.service(s.defaultPort())
                        + "/swagger-ui/index.html"));
                e.add(new Entry(s.name(), "API", "RULES_API_URL", base + "/api/v1"));
            }
            e.add(new Entry(s.name(), "health", key + "_HEALTH", base + "/health"));
            e.add(new Entry(s.name(), "metrics", key + "_PROMETHEUS", base + "/prometheus"));
        }
        e.add(new Entry("kafka", "bootstrap servers", "KAFKA_BOOTSTRAP_SERVERS", infra.get("KAFKA_BOOTSTRAP_SERVERS")));
        e.add(new Entry("kafka", "topics", "KAFKA_TOPICS", String.join(",", InfraSpec.TOPICS)));
        for (String db : InfraSpec.DATABASES) {
            e.add(new Entry("postgres", db + " database", db.toUpperCase(Locale.ROOT) + "_DB_URL",
                    ServiceEnvironment.jdbcUrl(infra, db)));
        }
        e.add(new Entry("postgres", "user", "PG_USER", infra.get("PG_USER")));
        e.add(new Entry("postgres", "password", "PG_PASSWORD", infra.get("PG_PASSWORD")));
        e.add(new Entry("redis", "URI", "REDIS_URI", infra.get("REDIS_URI")));
        boolean keycloak = OidcServer.KEYCLOAK.equals(infra.get("OIDC_PROVIDER"));
        String oidc = keycloak ? "keycloak" : "oidc";
        e.add(new Entry(oidc, "provider", "OIDC_PROVIDER", keycloak
                ? "Keycloak (realm etl from k8s/base/keycloak/etl-realm.json)"
                : "stand-in (mock-oauth2-server, --fast-auth)"));
        e.add(new Entry(oidc, "issuer", "OIDC_ISSUER", infra.get("OIDC_ISSUER")));
        e.add(new Entry(oidc, "token endpoint", "OIDC_TOKEN_ENDPOINT", infra.get("OIDC_TOKEN_ENDPOINT")));
        if (keycloak) {
            e.add(new Entry(oidc, "admin console (admin/admin)", "KEYCLOAK_ADMIN_CONSOLE",
                    infra.get("KEYCLOAK_ADMIN_CONSOLE")));
        }
        e.add(new Entry(oidc, "client id (password grant)", "OIDC_CLIENT_ID", DemoUsers.CLIENT_ID));
        DemoUsers.roles().forEach((user, roles) -> e.add(new Entry(oidc, "demo user " + user + " / "
                + DemoUsers.password(user), "DEMO_USER_" + user.toUpperCase(Locale.ROOT) + "_ROLES",
                String.join(",", roles))));
        e.add(new Entry(oidc, "get a token", "TOKEN_COMMAND", "./platform token writer"));
        e.add(new Entry("s3", "endpoint (path-style)", "S3_ENDPOINT", infra.get("S3_ENDPOINT")));
        e.add(new Entry("s3", "region", "S3_REGION", infra.get("S3_REGION")));
        e.add(new Entry("s3", "access key", "S3_ACCESS_KEY", infra.get("S3_ACCESS_KEY")));
        e.add(new Entry("s3", "secret key", "S3_SECRET_KEY", infra.get("S3_SECRET_KEY")));
        e.add(new Entry("s3", "bucket", "S3_BUCKET", InfraSpec.BUCKET));
        prometheus.ifPresent(url -> {
            e.add(new Entry("prometheus", "query UI and API", "PROMETHEUS_URL", url));
            e.add(new Entry("prometheus", "alerts (rules of k8s/base/monitoring)", "PROMETHEUS_ALERTS", url + "/alerts"));
        });
        e.add(new Entry("platform", "port offset", "PLATFORM_PORT_OFFSET", Integer.toString(ports.offset())));
        return new EndpointReport(e);
    }

    public List<Entry> entries() {
        return entries;
    }

    public String table() {
        List<List<String>> rows = entries.stream().map(x -> List.of(x.component(), x.what(), x.value())).toList();
        return TextTable.render(List.of("COMPONENT", "WHAT", "WHERE"), rows);
    }

    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        entries.forEach(x -> env.put(x.key(), x.value()));
        return env;
    }
}
