package io.platform.etl.rules.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.platform.etl.model.rules.RuleViolation;
import io.platform.etl.rules.api.ApiErrors;
import io.platform.etl.rules.api.ApiHeaders;
import io.platform.etl.rules.api.RulePaths;
import io.platform.etl.rules.api.RuleRequest;
import io.platform.etl.rules.api.RuleSetEndpoint;
import io.platform.etl.rules.api.RuleSetEndpoints;
import io.platform.etl.rules.dedupe.DeduplicationRulesView;
import io.platform.etl.rules.docs.ApiDocs;
import io.platform.etl.rules.enrich.EnrichmentRulesView;
import io.platform.etl.rules.filter.FilterRulesView;
import io.platform.etl.rules.problem.ProblemException;
import io.platform.etl.rules.security.Roles;
import io.platform.etl.rules.store.RuleReader;
import io.platform.etl.rules.store.RuleVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * Rollback: a new version equal to an earlier one. One operation per rule kind, so the contract names the one view
 * each answers with and a generated client returns that type (an {@code anyOf} of the three had no discriminator:
 * clients took the first view that parsed, ADR 0207).
 */
@Controller("/api/v1")
@Tag(name = "history")
public class RollbackController {

    private static final String SUMMARY = "Create a new version equal to an earlier one";

    private final RuleReader reader;
    private final RuleSetEndpoints endpoints;

    public RollbackController(RuleReader reader, RuleSetEndpoints endpoints) {
        this.reader = reader;
        this.endpoints = endpoints;
    }

    @Post("/filter-rules/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.WRITER)
    @Operation(operationId = "rollbackFilterRules", summary = SUMMARY, description = Roles.DOC_WRITE,
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_WRITE,
                    parseValue = true)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.RollbackRequest.class)))
    @ApiResponse(responseCode = "200", description = "the new current filter rules",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG,
                    description = ApiHeaders.ETAG, required = true, schema = @Schema(type = "string")))
    @ApiErrors.Body
    @ApiErrors.Versioned
    public HttpResponse<FilterRulesView> rollbackFilterRules(@Body String body,
            @Parameter(description = ApiHeaders.IF_MATCH) @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            Authentication authentication) {
        return rollback(RulePaths.FILTER, FilterRulesView::of, body, ifMatch, authentication);
    }

    @Post("/deduplication-rules/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.WRITER)
    @Operation(operationId = "rollbackDeduplicationRules", summary = SUMMARY, description = Roles.DOC_WRITE,
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_WRITE,
                    parseValue = true)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.RollbackRequest.class)))
    @ApiResponse(responseCode = "200", description = "the new current deduplication config",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG,
                    description = ApiHeaders.ETAG, required = true, schema = @Schema(type = "string")))
    @ApiErrors.Body
    @ApiErrors.Versioned
    public HttpResponse<DeduplicationRulesView> rollbackDeduplicationRules(@Body String body,
            @Parameter(description = ApiHeaders.IF_MATCH) @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            Authentication authentication) {
        return rollback(RulePaths.DEDUPLICATION, DeduplicationRulesView::of, body, ifMatch, authentication);
    }

    @Post("/enrichment-rules/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.WRITER)
    @Operation(operationId = "rollbackEnrichmentRules", summary = SUMMARY, description = Roles.DOC_WRITE,
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_WRITE,
                    parseValue = true)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.RollbackRequest.class)))
    @ApiResponse(responseCode = "200", description = "the new current enrichment rules",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG,
                    description = ApiHeaders.ETAG, required = true, schema = @Schema(type = "string")))
    @ApiErrors.Body
    @ApiErrors.Versioned
    public HttpResponse<EnrichmentRulesView> rollbackEnrichmentRules(@Body String body,
            @Parameter(description = ApiHeaders.IF_MATCH) @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            Authentication authentication) {
        return rollback(RulePaths.ENRICHMENT, EnrichmentRulesView::of, body, ifMatch, authentication);
    }

    private <V> HttpResponse<V> rollback(RulePaths path, RuleSetEndpoint.View<V> view, String body, String ifMatch,
                                         Authentication authentication) {
        RuleSetEndpoint<V> rules = endpoints.of(path.kind(), view);
        RuleRequest request = rules.parse(body);
        JsonNode versionNode = request.json().get("version");
        if (versionNode == null || !versionNode.canConvertToLong() || !versionNode.isIntegralNumber()
                || versionNode.asLong() < 1) {
            request.reject("version", "required, an integer >= 1");
        }
        request.requireValid();
        long target = versionNode.asLong();
        JsonNode restored = reader.find(request.pipeline(), path.kind(), target).map(RuleVersion::body)
                .orElseThrow(() -> ProblemException.invalid(List.of(new RuleViolation("version",
                        "no version " + target + " of " + path.segment() + " for " + request.pipeline()))));
        return rules.write(request.pipeline(), ifMatch, authentication, current -> restored, target);
    }
}
