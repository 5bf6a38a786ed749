package io.platform.etl.rules.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.rules.RuleViolation;
import io.platform.etl.rules.pipeline.PipelineNames;
import io.platform.etl.rules.problem.ProblemException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** Checks of the pipeline name, in a query parameter (400) or in a body (a violation of the 422 list). */
@Singleton
public class RequestChecks {

    private final PipelineNames pipelines;

    public RequestChecks(PipelineNames pipelines) {
        this.pipelines = pipelines;
    }

    /** The query parameter when valid, else a 400 problem naming {@code pipeline}. */
    public String pipelineParam(String pipeline) {
        pipelines.problem(pipeline).ifPresent(message -> {
            throw ProblemException.badParameter("pipeline", message);
        });
        return pipeline;
    }

    /** The body's {@code pipeline}, adding a violation to {@code errors} when it is missing or unknown. */
    public String pipelineMember(JsonNode body, List<RuleViolation> errors) {
        JsonNode node = body.get("pipeline");
        String pipeline = node != null && node.isTextual() ? node.asText() : null;
        if (node != null && !node.isNull() && !node.isTextual()) {
            errors.add(new RuleViolation("pipeline", "expected a string"));
            return null;
        }
        pipelines.problem(pipeline).ifPresent(message -> errors.add(new RuleViolation("pipeline", message)));
        return pipeline;
    }

    /** The body as a JSON object with its {@code pipeline} member checked (400 when not a JSON object). */
    public RuleRequest parse(String body) {
        var json = JsonBodies.object(body);
        List<RuleViolation> errors = new ArrayList<>();
        String pipeline = pipelineMember(json, errors);
        return new RuleRequest(json, pipeline, errors);
    }

    /** Throws a 422 listing the violations when there are any. */
    public static void throwIfAny(List<RuleViolation> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
