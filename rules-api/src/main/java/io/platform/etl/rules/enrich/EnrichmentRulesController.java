package io.platform.etl.rules.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.platform.etl.model.rules.RuleViolation;
import io.platform.etl.model.rules.enrich.EnrichmentRuleReader;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.rules.api.ApiErrors;
import io.platform.etl.rules.api.ApiHeaders;
import io.platform.etl.rules.api.RuleRequest;
import io.platform.etl.rules.api.RuleSetEndpoint;
import io.platform.etl.rules.api.RuleSetEndpoints;
import io.platform.etl.rules.problem.Problem;
import io.platform.etl.rules.problem.Problems;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.platform.etl.rules.api.JsonBodies;
import io.platform.etl.rules.api.RequestChecks;
import io.platform.etl.rules.docs.ApiDocs;
import io.platform.etl.rules.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.http.uri.UriBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Enrichment sources and rules of a pipeline. Every edit creates a new version of the whole set. */
@Controller("/api/v1/enrichment-rules")
@Tag(name = "enrichment-rules")
public class EnrichmentRulesController {

    private final RuleSetEndpoint<EnrichmentRulesView> rules;
    private final RequestChecks checks;
    private final EnrichmentChanges changes;
    private final ApiHostAllowlist allowlist;

    public EnrichmentRulesController(RuleSetEndpoints endpoints, RequestChecks checks, EnrichmentChanges changes,
                                     ApiHostAllowlist allowlist) {
        this.rules = endpoints.of(RuleKind.ENRICHMENT, EnrichmentRulesView::of);
        this.checks = checks;
        this.changes = changes;
        this.allowlist = allowlist;
    }

    @Get
    @Secured({Roles.READER, Roles.WRITER})
    @Operation(operationId = "getEnrichmentRules", description = Roles.DOC_READ,
            summary = "Current enrichment sources and rules of a pipeline",
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_READ,
                    parseValue = true)))
    @ApiResponse(responseCode = "200", description = "the current sources and rules",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG,
                    description = ApiHeaders.ETAG, required = true, schema = @Schema(type = "string")))
    @ApiErrors.Read
    public HttpResponse<EnrichmentRulesView> get(@QueryValue String pipeline) {
        return rules.current(pipeline);
    }

    @Put
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.WRITER)
    @Operation(operationId = "replaceEnrichmentRules", description = Roles.DOC_WRITE,
            summary = "Replace the enrichment rules (and the sources when given)",
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_WRITE,
                    parseValue = true)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.EnrichmentRulesRequest.class)))
    @ApiResponse(responseCode = "200", description = "the new version",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG,
                    description = ApiHeaders.ETAG, required = true, schema = @Schema(type = "string")))
    @ApiErrors.Body
    @ApiErrors.Versioned
    public HttpResponse<EnrichmentRulesView> putRules(@Body String body, @Parameter(description = ApiHeaders.IF_MATCH)
            @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            Authentication authentication) {
        RuleRequest request = rules.parse(body);
        ObjectNode json = request.json();
        if (!json.path("rules").isArray()) {
            request.reject("rules", json.has("rules") ? "expected a list" : "required");
        }
        JsonNode sources = json.hasNonNull("sources") ? json.get("sources") : null;
        if (sources != null && !sources.isArray()) {
            request.reject("sources", "expected a list");
        }
        request.requireValid();
        return rules.write(request.pipeline(), ifMatch, authentication,
                current -> changes.replaceRules(current, json.get("rules"), sources), null);
    }

    @Get("/sources/{name}")
    @Secured({Roles.READER, Roles.WRITER})
    @Operation(operationId = "getEnrichmentSource", description = Roles.DOC_READ,
            summary = "One enrichment source (where POST /sources points its Location)",
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_READ,
                    parseValue = true)))
    @ApiResponse(responseCode = "200", description = "the source",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiDocs.EnrichmentSource.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG,
                    description = ApiHeaders.ETAG, required = true, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "no source of that name",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiErrors.Read
    public HttpResponse<JsonNode> getSource(@PathVariable String name, @QueryValue String pipeline) {
        HttpResponse<EnrichmentRulesView> current = rules.current(pipeline);
        JsonNode source = current.body().sources().stream().filter(s -> name.equals(s.path("name").asText()))
                .findFirst().orElseThrow(() -> EnrichmentChanges.sourceNotFound(name));
        return HttpResponse.ok(source).headers(headers -> headers.add(HttpHeaders.ETAG,
                current.header(HttpHeaders.ETAG)));
    }

    @Post("/sources")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.WRITER)
    @Operation(operationId = "addEnrichmentSource", description = Roles.DOC_WRITE,
            summary = "Add an enrichment source (409 when the name exists)",
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_WRITE,
                    parseValue = true)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.EnrichmentSourceRequest.class)))
    @ApiResponse(responseCode = "201", description = "the new version with the source",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EnrichmentRulesView.class)),
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG,
                    description = ApiHeaders.ETAG, required = true, schema = @Schema(type = "string")),
                @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.LOCATION,
                    description = ApiHeaders.LOCATION, required = true,
                    schema = @Schema(type = "string", format = "uri-reference"))})
    @ApiResponse(responseCode = "409", description = "a source of that name exists (use PUT)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiErrors.Body
    @ApiErrors.Versioned
    public HttpResponse<EnrichmentRulesView> addSource(@Body String body, @Parameter(description = ApiHeaders.IF_MATCH)
            @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            Authentication authentication) {
        RuleRequest request = rules.parse(body);
        JsonNode source = readSource(request.json(), null, request.errors());
        request.requireValid();
        return rules.write(request.pipeline(), ifMatch, authentication, current -> changes.addSource(current, source),
                        null)
                .status(HttpStatus.CREATED)
                .header(HttpHeaders.LOCATION, sourceLocation(request.pipeline(), source.path("name").asText()).toString());
    }

    @Put("/sources/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.WRITER)
    @Operation(operationId = "replaceEnrichmentSource", description = Roles.DOC_WRITE,
            summary = "Replace an enrichment source (body {\"source\": {...}})",
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_WRITE,
                    parseValue = true)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.EnrichmentSourceReplacement.class)))
    @ApiResponse(responseCode = "200", description = "the new version",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG,
                    description = ApiHeaders.ETAG, required = true, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "no source of that name",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiErrors.Body
    @ApiErrors.Versioned
    public HttpResponse<EnrichmentRulesView> replaceSource(@PathVariable String name, @QueryValue String pipeline,
            @Body String body, @Parameter(description = ApiHeaders.IF_MATCH)
            @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            Authentication authentication) {
        checks.pipelineParam(pipeline);
        ObjectNode json = JsonBodies.object(body);
        List<RuleViolation> errors = new ArrayList<>();
        if (json.has("pipeline") && !pipeline.equals(json.path("pipeline").asText())) {
            errors.add(new RuleViolation("pipeline", "differs from the pipeline query parameter"));
        }
        JsonNode source = readSource(json, name, errors);
        RequestChecks.throwIfAny(errors);
        return rules.write(pipeline, ifMatch, authentication, current -> changes.replaceSource(current, name, source),
                null);
    }

    @Delete("/sources/{name}")
    @Secured(Roles.WRITER)
    @Operation(operationId = "removeEnrichmentSource", description = Roles.DOC_WRITE,
            summary = "Remove an enrichment source (422 while rules still use it)",
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_WRITE,
                    parseValue = true)))
    @ApiResponse(responseCode = "200", description = "the new version without the source",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG,
                    description = ApiHeaders.ETAG, required = true, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "no source of that name",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "rules still use the source (errors[] names them)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiErrors.Read
    @ApiErrors.Versioned
    public HttpResponse<EnrichmentRulesView> removeSource(@PathVariable String name, @QueryValue String pipeline,
            @Parameter(description = ApiHeaders.IF_MATCH)
            @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            Authentication authentication) {
        checks.pipelineParam(pipeline);
        return rules.write(pipeline, ifMatch, authentication, current -> changes.removeSource(current, name), null);
    }

    /** Reads {@code source}, reporting errors as {@code source.*}; the name must equal {@code expectedName}. */
    private JsonNode readSource(ObjectNode json, String expectedName, List<RuleViolation> errors) {
        JsonNode node = json.get("source");
        if (expectedName != null && node != null && node.isObject() && !node.has("name")) {
            ((ObjectNode) node).put("name", expectedName);
        }
        var decoded = EnrichmentRuleReader.readSource(node == null ? JsonNodeFactory.instance.missingNode() : node);
        errors.addAll(JsonBodies.prefixed("source", decoded.violations()));
        if (decoded.value() == null) {
            return null;
        }
        allowlist.check("source", decoded.value()).ifPresent(errors::add);
        if (expectedName != null && !expectedName.equals(decoded.value().name())) {
            errors.add(new RuleViolation("source.name", "must equal the name in the path (" + expectedName + ")"));
        }
        return RuleJson.toTree(decoded.value());
    }

    /** Where {@code GET /sources/{name}} reads the source (relative to the server, RFC 9110 §10.2.2). */
    static URI sourceLocation(String pipeline, String name) {
        return UriBuilder.of("/api/v1/enrichment-rules/sources").path(name).queryParam("pipeline", pipeline).build();
    }
}
