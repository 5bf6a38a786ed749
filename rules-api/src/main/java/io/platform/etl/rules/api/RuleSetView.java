package io.platform.etl.rules.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.rules.dedupe.DeduplicationRulesView;
import io.platform.etl.rules.enrich.EnrichmentRulesView;
import io.platform.etl.rules.filter.FilterRulesView;
import io.platform.etl.rules.store.RuleVersion;

/**
 * The current state of one rule set as returned by reads and writes ({@link FilterRulesView},
 * {@link DeduplicationRulesView}, {@link EnrichmentRulesView}), with its version as {@code ETag}.
 */
public final class RuleSetView {

    private RuleSetView() {
    }

    /** The typed view of the kind's version ({@code null}: nothing written yet). */
    public static Object of(String pipeline, RuleKind kind, RuleVersion version) {
        return switch (kind) {
            case FILTER -> FilterRulesView.of(pipeline, version);
            case DEDUPLICATION -> DeduplicationRulesView.of(pipeline, version);
            case ENRICHMENT -> EnrichmentRulesView.of(pipeline, version);
        };
    }

    /** {@code body} with {@code ETag: "version"} (0 when nothing was written). */
    public static <T> MutableHttpResponse<T> versioned(HttpStatus status, T body, RuleVersion version) {
        return HttpResponse.<T>status(status).body(body)
                .header(HttpHeaders.ETAG, ETags.of(version == null ? 0 : version.version()));
    }
}
