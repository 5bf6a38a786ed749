package io.platform.etl.rules.status;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.platform.etl.model.rules.publish.AppliedVersionReport;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.rules.api.JsonResponses;
import io.platform.etl.rules.api.RequestChecks;
import io.platform.etl.rules.docs.ApiDocs;
import io.platform.etl.rules.outbox.RedisGateway;
import io.platform.etl.rules.security.Roles;
import io.platform.etl.rules.write.RuleReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each rule kind of a pipeline stands: the version in PostgreSQL, the version of the snapshot in Redis and
 * the versions stage instances report having applied. Redis trouble is reported in {@code redis_error}, not as 5xx.
 */
@Controller("/api/v1/pipelines/{pipeline}/status")
@Tag(name = "status")
public class PipelineStatusController {

    private final RuleReader reader;
    private final RedisGateway redis;
    private final RequestChecks checks;

    public PipelineStatusController(RuleReader reader, RedisGateway redis, RequestChecks checks) {
        this.reader = reader;
        this.redis = redis;
        this.checks = checks;
    }

    @Get
    @Secured({Roles.READER, Roles.WRITER})
    @Operation(summary = "Rule versions in the database, in Redis and applied by stage instances")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiDocs.PipelineStatus.class)))
    public HttpResponse<String> status(@PathVariable String pipeline) {
        checks.pipelineParam(pipeline);
        List<Map<String, Object>> kinds = new ArrayList<>();
        for (RuleKind kind : RuleKind.values()) {
            kinds.add(kindStatus(pipeline, kind));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pipeline", pipeline);
        body.put("kinds", kinds);
        return JsonResponses.ok(body);
    }

    private Map<String, Object> kindStatus(String pipeline, RuleKind kind) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("kind", kind.jsonName());
        status.put("database_version", reader.currentVersion(pipeline, kind));
        Long redisVersion = null;
        List<Map<String, Object>> applied = new ArrayList<>();
        try {
            redisVersion = redis.get(redis.keys().snapshotKey(pipeline, kind))
                    .map(json -> RuleJson.readSnapshot(json).version()).orElse(null);
            for (String json : redis.scanValues(redis.keys().appliedKeyPattern(pipeline, kind))) {
                applied.add(applied(json));
            }
            applied.sort(Comparator.comparing(m -> String.valueOf(m.get("instance_id"))));
        } catch (RuntimeException e) {
            status.put("redis_error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        status.put("redis_version", redisVersion);
        status.put("applied", applied);
        return status;
    }

    private static Map<String, Object> applied(String json) {
        Map<String, Object> entry = new LinkedHashMap<>();
        try {
            AppliedVersionReport report = RuleJson.readReport(json);
            entry.put("instance_id", report.instanceId());
            entry.put("stage", report.stage());
            entry.put("version", report.version());
            entry.put("applied_at", String.valueOf(report.appliedAt()));
        } catch (RuntimeException e) {
            entry.put("invalid_report", json.length() > 200 ? json.substring(0, 200) : json);
        }
        return entry;
    }
}
