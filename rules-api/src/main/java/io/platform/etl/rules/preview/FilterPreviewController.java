package io.platform.etl.rules.preview;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.platform.etl.model.rules.filter.FilterEvaluator;
import io.platform.etl.model.rules.filter.FilterRuleReader;
import io.platform.etl.model.rules.filter.FilterRuleSet;
import io.platform.etl.model.rules.filter.Verdict;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.rules.api.ApiErrors;
import io.platform.etl.rules.api.RequestChecks;
import io.platform.etl.rules.api.RuleRequest;
import io.platform.etl.rules.config.PreviewSettings;
import io.platform.etl.rules.docs.ApiDocs;
import io.platform.etl.rules.security.Roles;
import io.platform.etl.rules.store.RuleVersion;
import io.platform.etl.rules.store.RuleReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Dry run of filter rules (a draft, or the current ones) over sample events with pipeline-model's
 * {@link FilterEvaluator}, the code the filter stage runs. Nothing is stored.
 */
@Controller("/api/v1/filter-rules/preview")
@Tag(name = "filter-rules")
public class FilterPreviewController {

    private final RuleReader reader;
    private final RequestChecks checks;
    private final PreviewSettings settings;

    public FilterPreviewController(RuleReader reader, RequestChecks checks, PreviewSettings settings) {
        this.reader = reader;
        this.checks = checks;
        this.settings = settings;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured({Roles.READER, Roles.WRITER})
    @Operation(operationId = "previewFilterRules", description = Roles.DOC_READ,
            summary = "Evaluate draft (or current) filter rules against sample events: pass/fail and the "
            + "first failed condition of each",
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_READ,
                    parseValue = true)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.PreviewRequest.class)))
    @ApiResponse(responseCode = "200", description = "the verdict of each event")
    @ApiErrors.Body
    public HttpResponse<PreviewResponse> preview(@Body String body) {
        RuleRequest request = checks.parse(body);
        JsonNode events = request.json().get("events");
        if (events == null || !events.isArray()) {
            request.reject("events", events == null ? "required" : "expected a list");
        } else if (events.size() > settings.maxEvents()) {
            request.reject("events", "at most " + settings.maxEvents() + " events");
        } else {
            for (int i = 0; i < events.size(); i++) {
                if (!events.get(i).isObject()) {
                    request.reject("events[" + i + "]", "expected an object");
                }
            }
        }
        FilterRuleSet draft = null;
        if (request.json().hasNonNull("rules")) {
            var decoded = FilterRuleReader.read(request.json());
            request.reject(decoded.violations());
            draft = decoded.value();
        }
        request.requireValid();
        String pipeline = request.pipeline();
        Long version = null;
        FilterRuleSet rules = draft;
        if (rules == null) {
            Optional<RuleVersion> current = reader.latest(pipeline, RuleKind.FILTER);
            version = current.map(RuleVersion::version).orElse(0L);
            rules = current.map(v -> FilterRuleReader.read(v.body()).orElseThrow()).orElse(FilterRuleSet.EMPTY);
        }
        FilterEvaluator evaluator = FilterEvaluator.compile(rules);
        return HttpResponse.ok(results(pipeline, version, evaluator, events));
    }

    private static PreviewResponse results(String pipeline, Long version, FilterEvaluator evaluator,
                                           JsonNode events) {
        List<PreviewResponse.Result> results = new ArrayList<>();
        int passed = 0;
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            Verdict verdict = evaluator.evaluate(event);
            String eventId = event.path("event_id").isValueNode() ? event.path("event_id").asText() : null;
            PreviewResponse.Failure failure = null;
            if (verdict.passed()) {
                passed++;
            } else {
                Verdict.Failure f = verdict.failure();
                failure = new PreviewResponse.Failure(f.index(), f.ruleId(), f.field(), f.operator().jsonName(),
                        f.reason().code(), f.describe());
            }
            results.add(new PreviewResponse.Result(i, eventId, verdict.passed(), failure));
        }
        return new PreviewResponse(pipeline, version, passed, events.size() - passed, results);
    }
}
