package io.platform.etl.rules.filter;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.platform.etl.model.rules.filter.FilterRuleReader;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.rules.api.ApiErrors;
import io.platform.etl.rules.api.ApiHeaders;
import io.platform.etl.rules.api.RuleSetEndpoint;
import io.platform.etl.rules.api.RuleSetEndpoints;
import io.platform.etl.rules.docs.ApiDocs;
import io.platform.etl.rules.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Filter rules of a pipeline: read, replace (POST/PUT), with versions and {@code If-Match}. */
@Controller("/api/v1/filter-rules")
@Tag(name = "filter-rules")
public class FilterRulesController {

    private final RuleSetEndpoint<FilterRulesView> rules;

    public FilterRulesController(RuleSetEndpoints endpoints) {
        this.rules = endpoints.of(RuleKind.FILTER, FilterRulesView::of);
    }

    @Get
    @Secured({Roles.READER, Roles.WRITER})
    @Operation(operationId = "getFilterRules", description = Roles.DOC_READ,
            summary = "Current filter rules of a pipeline (ETag = version; version 0 = none written yet)",
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_READ,
                    parseValue = true)))
    @ApiResponse(responseCode = "200", description = "the current rule set",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG,
                    description = ApiHeaders.ETAG, required = true, schema = @Schema(type = "string")))
    @ApiErrors.Read
    public HttpResponse<FilterRulesView> get(@QueryValue String pipeline) {
        return rules.current(pipeline);
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.WRITER)
    @Operation(operationId = "createFilterRules", description = Roles.DOC_WRITE,
            summary = "Replace the filter rule set of a pipeline (If-Match optional unless required)",
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_WRITE,
                    parseValue = true)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.FilterRulesRequest.class)))
    @ApiResponse(responseCode = "200", description = "the new version",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG,
                    description = ApiHeaders.ETAG, required = true, schema = @Schema(type = "string")))
    @ApiErrors.Body
    @ApiErrors.Versioned
    public HttpResponse<FilterRulesView> post(@Body String body,
                                              @Parameter(description = ApiHeaders.IF_MATCH)
                                              @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                              Authentication authentication) {
        return replace(body, ifMatch, authentication);
    }

    @Put
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.WRITER)
    @Operation(operationId = "replaceFilterRules", description = Roles.DOC_WRITE,
            summary = "Replace the filter rule set of a pipeline (same as POST)",
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_WRITE,
                    parseValue = true)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.FilterRulesRequest.class)))
    @ApiResponse(responseCode = "200", description = "the new version",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = HttpHeaders.ETAG,
                    description = ApiHeaders.ETAG, required = true, schema = @Schema(type = "string")))
    @ApiErrors.Body
    @ApiErrors.Versioned
    public HttpResponse<FilterRulesView> put(@Body String body,
                                             @Parameter(description = ApiHeaders.IF_MATCH)
                                             @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                             Authentication authentication) {
        return replace(body, ifMatch, authentication);
    }

    private HttpResponse<FilterRulesView> replace(String body, String ifMatch, Authentication authentication) {
        return rules.replace(body, ifMatch, authentication, request -> {
            var decoded = FilterRuleReader.read(request.json());
            request.reject(decoded.violations());
            return decoded.value();
        });
    }
}
