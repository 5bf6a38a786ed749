package io.platform.etl.rules.problem;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.platform.etl.model.rules.publish.RuleJson;

/** Renders problems as {@code application/problem+json}. */
public final class Problems {

    public static final String TYPE_BASE = "https://etl.platform.io/problems/";
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static MutableHttpResponse<String> response(Problem problem) {
        return HttpResponse.<String>status(io.micronaut.http.HttpStatus.valueOf(problem.status()))
                .contentType(MediaType.of(MEDIA_TYPE))
                .body(RuleJson.write(problem));
    }
}
