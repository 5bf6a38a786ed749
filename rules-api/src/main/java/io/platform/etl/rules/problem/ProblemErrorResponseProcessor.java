package io.platform.etl.rules.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.platform.etl.model.rules.publish.RuleJson;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Renders the framework's own errors (413 body too large, 415, 404 route, missing query value, ...) as problem
 * documents too, so clients see a single error format.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<String> {

    @Override
    public MutableHttpResponse<String> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        List<Problem.FieldError> errors = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> new Problem.FieldError(e.getPath().get(), e.getMessage()))
                .toList();
        String detail = context.getErrors().stream().map(e -> e.getMessage()).findFirst()
                .orElse(status.getReason());
        if (status.getCode() >= 500) {
            detail = "internal error"; // never leak internals
        }
        Problem problem = new Problem(Problems.TYPE_BASE + typeOf(status), status.getReason(), status.getCode(),
                detail, errors);
        return response.contentType(MediaType.of(Problems.MEDIA_TYPE)).body(RuleJson.write(problem));
    }

    private static String typeOf(HttpStatus status) {
        return switch (status) {
            case REQUEST_ENTITY_TOO_LARGE -> "too-large";
            case NOT_FOUND -> "not-found";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            default -> status.getCode() >= 500 ? "internal" : "bad-request";
        };
    }
}
