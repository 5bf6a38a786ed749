package io.platform.etl.rules.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.platform.etl.model.rules.publish.RuleJson;

/** JSON responses written with the rules' own mapper (snake_case, ISO instants, durations as "2h"). */
public final class JsonResponses {

    private JsonResponses() {
    }

    public static MutableHttpResponse<String> ok(Object body) {
        return status(HttpStatus.OK, body);
    }

    public static MutableHttpResponse<String> status(HttpStatus status, Object body) {
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(RuleJson.write(body));
    }

    /** A rule set view with its version as {@code ETag}. */
    public static MutableHttpResponse<String> versioned(HttpStatus status, Object body, long version) {
        return status(status, body).header(HttpHeaders.ETAG, ETags.of(version));
    }
}
