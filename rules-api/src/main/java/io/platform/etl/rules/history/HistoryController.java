package io.platform.etl.rules.history;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.rules.api.ApiErrors;
import io.platform.etl.rules.api.RequestChecks;
import io.platform.etl.rules.api.RulePaths;
import io.platform.etl.rules.problem.ProblemException;
import io.platform.etl.rules.security.Roles;
import io.platform.etl.rules.store.RuleReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Version history with diffs, for every rule kind (rollback: {@link RollbackController}). */
@Controller("/api/v1/{kind}")
@Tag(name = "history")
public class HistoryController {

    private static final int MAX_PAGE_SIZE = 100;

    private final RuleReader reader;
    private final RequestChecks checks;

    public HistoryController(RuleReader reader, RequestChecks checks) {
        this.reader = reader;
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
}
