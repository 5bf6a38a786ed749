package io.platform.etl.rules.problem;

import io.micronaut.http.HttpStatus;
import io.platform.etl.model.rules.RuleViolation;
import java.util.List;

/** Thrown anywhere in request handling to answer with a problem document. */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException of(HttpStatus status, String type, String detail) {
        return new ProblemException(new Problem(Problems.TYPE_BASE + type, status.getReason(), status.getCode(),
                detail, List.of()));
    }

    /** 422 listing every violation. */
    public static ProblemException invalid(List<RuleViolation> violations) {
        List<Problem.FieldError> errors = violations.stream()
                .map(v -> new Problem.FieldError(v.field(), v.message())).toList();
        String detail = errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid";
        return new ProblemException(new Problem(Problems.TYPE_BASE + "validation", "Invalid rules",
                HttpStatus.UNPROCESSABLE_ENTITY.getCode(), detail, errors));
    }

    /** 400 for a bad request parameter or header. */
    public static ProblemException badParameter(String field, String message) {
        return new ProblemException(new Problem(Problems.TYPE_BASE + "bad-request", "Bad request",
                HttpStatus.BAD_REQUEST.getCode(), field + ": " + message,
                List.of(new Problem.FieldError(field, message))));
    }
}
