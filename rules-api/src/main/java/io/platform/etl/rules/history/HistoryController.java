package io.platform.etl.rules.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.platform.etl.model.rules.RuleViolation;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.rules.api.ApiErrors;
import io.platform.etl.rules.api.ApiHeaders;
import io.platform.etl.rules.dedupe.DeduplicationRulesView;
import io.platform.etl.rules.enrich.EnrichmentRulesView;
import io.platform.etl.rules.filter.FilterRulesView;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.platform.etl.rules.api.RequestChecks;
import io.platform.etl.rules.api.RulePaths;
import io.platform.etl.rules.api.RuleRequest;
import io.platform.etl.rules.api.RuleSetEndpoint;
import io.platform.etl.rules.api.RuleSetEndpoints;
import io.platform.etl.rules.api.RuleSetView;
import io.platform.etl.rules.docs.ApiDocs;
import io.platform.etl.rules.problem.ProblemException;
import io.platform.etl.rules.security.Roles;
import io.platform.etl.rules.store.RuleVersion;
import io.platform.etl.rules.store.RuleReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Version history with diffs, and rollback, for every rule kind. */
@Controller("/api/v1/{kind}")
@Tag(name = "history")
public class HistoryController {

    private static final int MAX_PAGE_SIZE = 100;

    private final RuleReader reader;
    private final RuleSetEndpoints endpoints;
    private final RequestChecks checks;

    public HistoryController(RuleReader reader, RuleSetEndpoints endpoints, RequestChecks checks) {
        this.reader = reader;
        this.endpoints = endpoints;
        this.checks = checks;
    }

    @Get("/history")
    @Secured({Roles.READER, Roles.WRITER})
    @Operation(operationId = "getHistory", description = Roles.DOC_READ,
            summary = "Versions of a rule set, newest first, with author, time and diff to the previous one",
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_READ,
                    parseValue = true)))
    @ApiResponse(responseCode = "200", description = "one page of versions")
    @ApiErrors.Read
    public HttpResponse<HistoryPage> history(
            @Parameter(schema = @Schema(allowableValues = {"filter-rules", "deduplication-rules",
                    "enrichment-rules"})) @PathVariable String kind,
            @QueryValue String pipeline,
            @Parameter(description = "page number, from 0", schema = @Schema(minimum = "0", defaultValue = "0"))
            @Nullable @QueryValue Integer page,
            @Parameter(description = "versions per page", schema = @Schema(minimum = "1", maximum = "100",
                    defaultValue = "20"))
            @Nullable @QueryValue Integer size,
            HttpRequest<?> request) {
        RuleKind ruleKind = RulePaths.kindOf(kind);
        checks.pipelineParam(pipeline);
        // Micronaut binds "size=" as absent; the contract (and its validators) call an empty number invalid
        for (String name : List.of("page", "size")) {
            if (request.getParameters().getAll(name).stream().anyMatch(String::isBlank)) {
                throw ProblemException.badParameter(name, "must be a number");
            }
        }
        int pageNo = page == null ? 0 : page;
        int pageSize = size == null ? 20 : size;
        if (pageNo < 0) {
            throw ProblemException.badParameter("page", "must be >= 0");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ProblemException.badParameter("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        RuleReader.Page result = reader.page(pipeline, ruleKind, pageNo, pageSize);
        List<HistoryEntry> versions = result.versions().stream().map(HistoryEntry::of).toList();
        return HttpResponse.ok(new HistoryPage(pipeline, kind, pageNo, pageSize, result.total(), versions));
    }

    @Post("/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.WRITER)
    @Operation(operationId = "rollback", description = Roles.DOC_WRITE,
            summary = "Create a new version equal to an earlier one",
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_WRITE,
                    parseValue = true)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.RollbackRequest.class)))
    @ApiResponse(responseCode = "200", description = "the new current rule set, shaped by kind",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG,
                    description = ApiHeaders.ETAG, required = true, schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(anyOf = {
                    FilterRulesView.class, DeduplicationRulesView.class, EnrichmentRulesView.class})))
    @ApiErrors.Body
    @ApiErrors.Versioned
    public HttpResponse<Object> rollback(
            @Parameter(schema = @Schema(allowableValues = {"filter-rules", "deduplication-rules",
                    "enrichment-rules"})) @PathVariable String kind,
            @Body String body,
            @Parameter(description = ApiHeaders.IF_MATCH) @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            Authentication authentication) {
        RuleKind ruleKind = RulePaths.kindOf(kind);
        RuleSetEndpoint<Object> rules = endpoints.of(ruleKind, (pipeline, version) ->
                RuleSetView.of(pipeline, ruleKind, version));
        RuleRequest request = rules.parse(body);
        JsonNode versionNode = request.json().get("version");
        if (versionNode == null || !versionNode.canConvertToLong() || !versionNode.isIntegralNumber()
                || versionNode.asLong() < 1) {
            request.reject("version", "required, an integer >= 1");
        }
        request.requireValid();
        long target = versionNode.asLong();
        JsonNode restored = reader.find(request.pipeline(), ruleKind, target).map(RuleVersion::body)
                .orElseThrow(() -> ProblemException.invalid(List.of(new RuleViolation("version",
                        "no version " + target + " of " + kind + " for " + request.pipeline()))));
        return rules.write(request.pipeline(), ifMatch, authentication, current -> restored, target);
    }
}
