package io.platform.etl.rules.api;

import io.platform.etl.rules.problem.Problem;
import io.platform.etl.rules.problem.Problems;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error responses of the operations, as {@code application/problem+json} {@link Problem}s, for the OpenAPI
 * document: one annotation per group of operations that fail the same ways (ADR 0201 lists the statuses).
 */
public final class ApiErrors {

    private ApiErrors() {
    }

    /** Reads with query/path parameters: bad parameter, no or invalid token, missing role. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "400", description = "malformed JSON body, unknown pipeline or bad parameter "
            + "(errors[].field names it)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "no bearer token, or an invalid, expired or foreign one",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "the token lacks the role the operation needs",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Read {
    }

    /** Operations with a JSON body: {@link Read}'s plus malformed JSON, too large, wrong type, invalid fields. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Read
    @ApiResponse(responseCode = "413", description = "body larger than micronaut.server.max-request-size",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "415", description = "Content-Type is not application/json",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "invalid body: every invalid field in errors[] with its JSON "
            + "path; also strings with NUL or lone surrogates, which cannot be stored",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Body {
    }

    /** Writes of a new version: concurrency preconditions on top of the body's errors. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "412", description = "If-Match does not match the current version (re-read, "
            + "apply the change again)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "428", description = "If-Match missing while rules.require-if-match is on",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Versioned {
    }
}
