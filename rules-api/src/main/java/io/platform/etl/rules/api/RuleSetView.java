package io.platform.etl.rules.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.platform.etl.rules.store.RuleVersion;

/** A rule set's view as returned by reads and writes, with its version as {@code ETag}. */
public final class RuleSetView {

    private RuleSetView() {
    }

    /** {@code body} with {@code ETag: "version"} (0 when nothing was written). */
    public static <T> MutableHttpResponse<T> versioned(HttpStatus status, T body, RuleVersion version) {
        return HttpResponse.<T>status(status).body(body)
                .header(HttpHeaders.ETAG, ETags.of(version == null ? 0 : version.version()));
    }
}
