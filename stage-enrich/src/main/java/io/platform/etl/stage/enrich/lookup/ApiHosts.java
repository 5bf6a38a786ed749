package io.platform.etl.stage.enrich.lookup;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code enrich.allowed-api-hosts}: the hosts an {@code api} source may call, the same check rules-api makes when a
 * rule is written (its {@code rules.enrichment.allowed-api-hosts}), made again by the stage so a rule that reached
 * Redis another way still cannot aim it at an internal host. Empty = no api source may run.
 */
public final class ApiHosts {

    private final Set<String> allowed;

    public ApiHosts(List<String> allowed) {
        this.allowed = allowed.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public boolean allowed(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                && allowed.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    public boolean allowed(String endpoint) {
        try {
            return allowed(URI.create(endpoint));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
