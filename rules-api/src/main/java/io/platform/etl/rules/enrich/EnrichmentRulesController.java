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
import io.platform.etl.rules.api.JsonBodies;
import io.platform.etl.rules.api.RequestChecks;
import io.platform.etl.rules.api.RuleSetView;
import io.platform.etl.rules.docs.ApiDocs;
import io.platform.etl.rules.security.Authors;
import io.platform.etl.rules.security.Roles;
import io.platform.etl.rules.store.RuleVersion;
import io.platform.etl.rules.write.RuleCommands;
import io.platform.etl.rules.write.RuleReader;
import io.platform.etl.rules.write.WriteCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Enrichment sources and rules of a pipeline. Every edit creates a new version of the whole set. */
@Controller("/api/v1/enrichment-rules")
@Tag(name = "enrichment-rules")
public class EnrichmentRulesController {

    private final RuleReader reader;
    private final RuleCommands commands;
    private final RequestChecks checks;
    private final EnrichmentChanges changes;
    private final ApiHostAllowlist allowlist;

    public EnrichmentRulesController(RuleReader reader, RuleCommands commands, RequestChecks checks,
                                     EnrichmentChanges changes, ApiHostAllowlist allowlist) {
        this.reader = reader;
        this.commands = commands;
        this.checks = checks;
        this.changes = changes;
        this.allowlist = allowlist;
    }

    @Get
    @Secured({Roles.READER, Roles.WRITER})
    @Operation(summary = "Current enrichment sources and rules of a pipeline")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.EnrichmentRulesView.class)))
    public HttpResponse<String> get(@QueryValue String pipeline) {
        checks.pipelineParam(pipeline);
        return RuleSetView.response(HttpStatus.OK, pipeline, RuleKind.ENRICHMENT,
                reader.latest(pipeline, RuleKind.ENRICHMENT).orElse(null));
    }

    @Put
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.WRITER)
    @Operation(summary = "Replace the enrichment rules (and the sources when given)")
    @RequestBody(content = @Content(schema = @Schema(implementation = ApiDocs.EnrichmentRulesRequest.class)))
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.EnrichmentRulesView.class)))
    public HttpResponse<String> putRules(@Body String body, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                         Authentication authentication) {
        ObjectNode json = JsonBodies.object(body);
        List<RuleViolation> errors = new ArrayList<>();
        String pipeline = checks.pipelineMember(json, errors);
        if (!json.path("rules").isArray()) {
            errors.add(new RuleViolation("rules", json.has("rules") ? "expected a list" : "required"));
        }
        JsonNode sources = json.get("sources");
        if (sources != null && !sources.isArray()) {
            errors.add(new RuleViolation("sources", "expected a list"));
        }
        RequestChecks.throwIfAny(errors);
        return write(pipeline, ifMatch, authentication, current -> changes.replaceRules(current, json.get("rules"),
                sources), HttpStatus.OK);
    }

    @Post("/sources")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.WRITER)
    @Operation(summary = "Add an enrichment source (409 when the name exists)")
    @RequestBody(content = @Content(schema = @Schema(implementation = ApiDocs.EnrichmentSourceRequest.class)))
    @ApiResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.EnrichmentRulesView.class)))
    public HttpResponse<String> addSource(@Body String body, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                          Authentication authentication) {
        ObjectNode json = JsonBodies.object(body);
        List<RuleViolation> errors = new ArrayList<>();
        String pipeline = checks.pipelineMember(json, errors);
        JsonNode source = readSource(json, null, errors);
        RequestChecks.throwIfAny(errors);
        return write(pipeline, ifMatch, authentication, current -> changes.addSource(current, source),
                HttpStatus.CREATED);
    }

    @Put("/sources/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.WRITER)
    @Operation(summary = "Replace an enrichment source (body {\"source\": {...}})")
    @RequestBody(content = @Content(schema = @Schema(implementation = ApiDocs.EnrichmentSourceRequest.class)))
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.EnrichmentRulesView.class)))
    public HttpResponse<String> replaceSource(@PathVariable String name, @QueryValue String pipeline,
                                              @Body String body,
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
        return write(pipeline, ifMatch, authentication, current -> changes.replaceSource(current, name, source),
                HttpStatus.OK);
    }

    @Delete("/sources/{name}")
    @Secured(Roles.WRITER)
    @Operation(summary = "Remove an enrichment source (422 while rules still use it)")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.EnrichmentRulesView.class)))
    public HttpResponse<String> removeSource(@PathVariable String name, @QueryValue String pipeline,
                                             @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                             Authentication authentication) {
        checks.pipelineParam(pipeline);
        return write(pipeline, ifMatch, authentication, current -> changes.removeSource(current, name),
                HttpStatus.OK);
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

    private HttpResponse<String> write(String pipeline, String ifMatch, Authentication authentication,
                                       UnaryOperator<JsonNode> change, HttpStatus status) {
        RuleVersion version = commands.execute(new WriteCommand(pipeline, RuleKind.ENRICHMENT, ifMatch,
                Authors.of(authentication), change, null));
        return RuleSetView.response(status, pipeline, RuleKind.ENRICHMENT, version);
    }
}
