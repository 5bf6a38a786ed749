package io.platform.etl.rules.problem;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * An RFC 9457 problem document with the fields that failed validation.
 *
 * @param type   URI reference identifying the problem type
 * @param title  short summary of the type
 * @param status HTTP status
 * @param detail human explanation of this occurrence
 * @param errors one entry per invalid field (empty when not about fields)
 */
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)")
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    /** One invalid field: its JSON path in the request ({@code rules[1].operator}) and what is wrong. */
    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
