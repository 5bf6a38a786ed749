package io.platform.etl.rules.dedupe;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.platform.etl.model.json.Cursor;
import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.model.rules.dedupe.DeduplicationConfigReader;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.rules.api.ApiErrors;
import io.platform.etl.rules.api.ApiHeaders;
import io.platform.etl.rules.api.RuleSetEndpoint;
import io.platform.etl.rules.api.RuleSetEndpoints;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.platform.etl.rules.docs.ApiDocs;
import io.platform.etl.rules.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Deduplication config of a pipeline. */
@Controller("/api/v1/deduplication-rules")
@Tag(name = "deduplication-rules")
public class DeduplicationRulesController {

    private final RuleSetEndpoint<DeduplicationRulesView> rules;

    public DeduplicationRulesController(RuleSetEndpoints endpoints) {
        this.rules = endpoints.of(RuleKind.DEDUPLICATION, DeduplicationRulesView::of);
    }

    @Get
    @Secured({Roles.READER, Roles.WRITER})
    @Operation(operationId = "getDeduplicationRules", description = Roles.DOC_READ,
            summary = "Current deduplication config of a pipeline (config null while none was written)",
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_READ,
                    parseValue = true)))
    @ApiResponse(responseCode = "200", description = "the current config",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG,
                    description = ApiHeaders.ETAG, required = true, schema = @Schema(type = "string")))
    @ApiErrors.Read
    public HttpResponse<DeduplicationRulesView> get(@QueryValue String pipeline) {
        return rules.current(pipeline);
    }

    @Put
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.WRITER)
    @Operation(operationId = "replaceDeduplicationRules", description = Roles.DOC_WRITE,
            summary = "Replace the deduplication config of a pipeline",
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_WRITE,
                    parseValue = true)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.DeduplicationRulesRequest.class)))
    @ApiResponse(responseCode = "200", description = "the new version",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG,
                    description = ApiHeaders.ETAG, required = true, schema = @Schema(type = "string")))
    @ApiErrors.Body
    @ApiErrors.Versioned
    public HttpResponse<DeduplicationRulesView> put(@Body String body,
                                                    @Parameter(description = ApiHeaders.IF_MATCH)
                                                    @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                                    Authentication authentication) {
        return rules.replace(body, ifMatch, authentication, request -> {
            Cursor root = Cursor.strictRoot(request.json());
            DeduplicationConfig config = DeduplicationConfigReader.read(root.field("config"));
            request.reject(root.errors());
            return config;
        });
    }
}
