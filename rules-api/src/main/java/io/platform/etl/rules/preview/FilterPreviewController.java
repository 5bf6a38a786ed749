package io.platform.etl.rules.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.platform.etl.model.rules.RuleViolation;
import io.platform.etl.model.rules.filter.FilterEvaluator;
import io.platform.etl.model.rules.filter.FilterRuleReader;
import io.platform.etl.model.rules.filter.FilterRuleSet;
import io.platform.etl.model.rules.filter.Verdict;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.rules.api.JsonBodies;
import io.platform.etl.rules.api.JsonResponses;
import io.platform.etl.rules.api.RequestChecks;
import io.platform.etl.rules.config.PreviewSettings;
import io.platform.etl.rules.docs.ApiDocs;
import io.platform.etl.rules.security.Roles;
import io.platform.etl.rules.store.RuleVersion;
import io.platform.etl.rules.write.RuleReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    @Operation(summary = "Evaluate draft (or current) filter rules against sample events: pass/fail and the "
            + "first failed condition of each")
    @RequestBody(content = @Content(schema = @Schema(implementation = ApiDocs.PreviewRequest.class)))
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.PreviewResponse.class)))
    public HttpResponse<String> preview(@Body String body) {
        ObjectNode json = JsonBodies.object(body);
        List<RuleViolation> errors = new ArrayList<>();
        String pipeline = checks.pipelineMember(json, errors);
        JsonNode events = json.get("events");
        if (events == null || !events.isArray()) {
            errors.add(new RuleViolation("events", events == null ? "required" : "expected a list"));
        } else if (events.size() > settings.maxEvents()) {
            errors.add(new RuleViolation("events", "at most " + settings.maxEvents() + " events"));
        } else {
            for (int i = 0; i < events.size(); i++) {
                if (!events.get(i).isObject()) {
                    errors.add(new RuleViolation("events[" + i + "]", "expected an object"));
                }
            }
        }
        FilterRuleSet draft = null;
        if (json.hasNonNull("rules")) {
            var decoded = FilterRuleReader.read(json);
            errors.addAll(decoded.violations());
            draft = decoded.value();
        }
        RequestChecks.throwIfAny(errors);
        Long version = null;
        FilterRuleSet rules = draft;
        if (rules == null) {
            Optional<RuleVersion> current = reader.latest(pipeline, RuleKind.FILTER);
            version = current.map(RuleVersion::version).orElse(0L);
            rules = current.map(v -> FilterRuleReader.read(v.body()).orElseThrow()).orElse(FilterRuleSet.EMPTY);
        }
        FilterEvaluator evaluator = FilterEvaluator.compile(rules);
        return JsonResponses.ok(results(pipeline, version, evaluator, events));
    }

    private static Map<String, Object> results(String pipeline, Long version, FilterEvaluator evaluator,
                                               JsonNode events) {
        List<Map<String, Object>> results = new ArrayList<>();
        int passed = 0;
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            Verdict verdict = evaluator.evaluate(event);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("index", i);
            result.put("event_id", event.path("event_id").isValueNode() ? event.path("event_id").asText() : null);
            result.put("passed", verdict.passed());
            if (verdict.passed()) {
                passed++;
            } else {
                Verdict.Failure f = verdict.failure();
                Map<String, Object> failure = new LinkedHashMap<>();
                failure.put("index", f.index());
                failure.put("rule_id", f.ruleId());
                failure.put("field", f.field());
                failure.put("operator", f.operator().jsonName());
                failure.put("reason", f.reason().code());
                failure.put("description", f.describe());
                result.put("failed_condition", failure);
            }
            results.add(result);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pipeline", pipeline);
        body.put("version", version);
        body.put("passed", passed);
        body.put("failed", events.size() - passed);
        body.put("results", results);
        return body;
    }
}
