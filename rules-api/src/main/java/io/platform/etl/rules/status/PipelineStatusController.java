package io.platform.etl.rules.status;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.platform.etl.model.rules.publish.AppliedVersionReport;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.rules.api.ApiErrors;
import io.platform.etl.rules.api.RequestChecks;
import io.platform.etl.rules.outbox.RedisGateway;
import io.platform.etl.rules.problem.Problem;
import io.platform.etl.rules.problem.Problems;
import io.platform.etl.rules.security.Roles;
import io.platform.etl.rules.store.RuleReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
    @Operation(operationId = "getPipelineStatus", description = Roles.DOC_READ,
            summary = "Rule versions in the database, in Redis and applied by stage instances",
            extensions = @Extension(properties = @ExtensionProperty(name = Roles.X_ROLES, value = Roles.X_READ,
                    parseValue = true)))
    @ApiResponse(responseCode = "200", description = "one entry per rule kind")
    @ApiResponse(responseCode = "404", description = "no such route: a pipeline that is not one plain path segment "
            + "(e.g. \"+\")",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiErrors.Read
    public HttpResponse<PipelineStatus> status(@PathVariable String pipeline) {
        checks.pipelineParam(pipeline);
        List<PipelineStatus.KindStatus> kinds = new ArrayList<>();
        for (RuleKind kind : RuleKind.values()) {
            kinds.add(kindStatus(pipeline, kind));
        }
        return HttpResponse.ok(new PipelineStatus(pipeline, kinds));
    }

    private PipelineStatus.KindStatus kindStatus(String pipeline, RuleKind kind) {
        Long redisVersion = null;
        String redisError = null;
        List<PipelineStatus.AppliedVersion> applied = new ArrayList<>();
        try {
            redisVersion = redis.get(redis.keys().snapshotKey(pipeline, kind))
                    .map(json -> RuleJson.readSnapshot(json).version()).orElse(null);
            for (String json : redis.scanValues(redis.keys().appliedKeyPattern(pipeline, kind))) {
                applied.add(applied(json));
            }
            applied.sort(Comparator.comparing(a -> String.valueOf(a.instanceId())));
        } catch (RuntimeException e) {
            redisError = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return new PipelineStatus.KindStatus(kind.jsonName(), reader.currentVersion(pipeline, kind), redisVersion,
                redisError, applied);
    }

    private static PipelineStatus.AppliedVersion applied(String json) {
        try {
            AppliedVersionReport report = RuleJson.readReport(json);
            return new PipelineStatus.AppliedVersion(report.instanceId(), report.stage(), report.version(),
                    String.valueOf(report.appliedAt()), null);
        } catch (RuntimeException e) {
            return new PipelineStatus.AppliedVersion(null, null, null, null,
                    json.length() > 200 ? json.substring(0, 200) : json);
        }
    }
}
