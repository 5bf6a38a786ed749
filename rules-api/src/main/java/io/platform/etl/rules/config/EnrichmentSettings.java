package io.platform.etl.rules.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * Enrichment rule settings ({@code rules.enrichment.*}).
 *
 * @param allowedApiHosts hosts an {@code api} source may call; anything else is refused so a rules writer cannot
 *                        aim the enrich stage at arbitrary internal hosts (empty = no api source allowed)
 */
@ConfigurationProperties("rules.enrichment")
public record EnrichmentSettings(@Bindable(defaultValue = "") List<String> allowedApiHosts) {

    public EnrichmentSettings {
        allowedApiHosts = allowedApiHosts == null ? List.of()
                : allowedApiHosts.stream().map(String::trim).filter(h -> !h.isEmpty()).toList();
    }
}
