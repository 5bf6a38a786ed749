package io.platform.etl.rules.enrich;

import io.platform.etl.model.rules.RuleViolation;
import io.platform.etl.model.rules.enrich.EnrichmentSource;
import io.platform.etl.model.rules.enrich.SourceType;
import io.platform.etl.rules.config.EnrichmentSettings;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses {@code api} sources whose endpoint host is not in {@code rules.enrichment.allowed-api-hosts}, so a rules
 * writer cannot make the enrich stage call arbitrary (internal) hosts.
 */
@Singleton
public class ApiHostAllowlist {

    private final Set<String> allowed;

    public ApiHostAllowlist(EnrichmentSettings settings) {
        this.allowed = settings.allowedApiHosts().stream().map(h -> h.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The violation for one source at {@code path} (e.g. {@code source} or {@code sources[2]}), if any. */
    public Optional<RuleViolation> check(String path, EnrichmentSource source) {
        if (source == null || source.type() != SourceType.API || source.endpoint() == null) {
            return Optional.empty();
        }
        String host;
        try {
            host = URI.create(source.endpoint()).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.of(new RuleViolation(path + ".endpoint", "not a valid URL"));
        }
        if (host == null || !allowed.contains(host.toLowerCase(Locale.ROOT))) {
            return Optional.of(new RuleViolation(path + ".endpoint", "host \"" + host
                    + "\" is not allowed (rules.enrichment.allowed-api-hosts: " + allowed.stream().sorted().toList()
                    + ")"));
        }
        return Optional.empty();
    }

    public List<RuleViolation> checkAll(List<EnrichmentSource> sources) {
        return java.util.stream.IntStream.range(0, sources.size())
                .mapToObj(i -> check("sources[" + i + "]", sources.get(i)))
                .flatMap(Optional::stream).toList();
    }
}
