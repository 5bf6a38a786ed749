package io.platform.etl.rules.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.rules.security.Authors;
import io.platform.etl.rules.store.RuleVersion;
import io.platform.etl.rules.write.RuleCommands;
import io.platform.etl.rules.store.RuleReader;
import io.platform.etl.rules.write.WriteCommand;
import java.util.function.UnaryOperator;

/**
 * The steps every endpoint of one rule kind shares: parse the body and its pipeline, decode the kind's members (the
 * controller's {@link Decoder}), write a new version, answer with the kind's typed view and the version as
 * {@code ETag}. Made by {@link RuleSetEndpoints}.
 *
 * @param <V> the kind's view ({@code FilterRulesView}, ...)
 */
public final class RuleSetEndpoint<V> {

    /** The typed view of a pipeline's version of the kind ({@code null}: nothing written yet). */
    @FunctionalInterface
    public interface View<V> {
        V of(String pipeline, RuleVersion version);
    }

    /** Reads the kind's members of a parsed body: adds their violations to the request, returns the rule set read. */
    @FunctionalInterface
    public interface Decoder {
        Object decode(RuleRequest request);
    }

    private final RuleKind kind;
    private final View<V> view;
    private final RuleReader reader;
    private final RuleCommands commands;
    private final RequestChecks checks;

    RuleSetEndpoint(RuleKind kind, View<V> view, RuleReader reader, RuleCommands commands, RequestChecks checks) {
        this.kind = kind;
        this.view = view;
        this.reader = reader;
        this.commands = commands;
        this.checks = checks;
    }

    /** The current version of the pipeline named by a query parameter (400 when unknown). */
    public MutableHttpResponse<V> current(String pipeline) {
        checks.pipelineParam(pipeline);
        RuleVersion version = reader.latest(pipeline, kind).orElse(null);
        return versioned(pipeline, version);
    }

    /** The body as a JSON object with its {@code pipeline} member checked (400 when not a JSON object). */
    public RuleRequest parse(String body) {
        return checks.parse(body);
    }

    /**
     * Replaces the rule set with the one in {@code body} (200): parses it, decodes the kind's members, answers 422
     * with every violation found, else writes the decoded set, canonical, as the new version.
     */
    public MutableHttpResponse<V> replace(String body, String ifMatch, Authentication author, Decoder decoder) {
        RuleRequest request = parse(body);
        Object decoded = decoder.decode(request);
        request.requireValid();
        JsonNode canonical = RuleJson.toTree(decoded);
        return write(request.pipeline(), ifMatch, author, current -> canonical, null);
    }

    /**
     * Writes the version {@code change} computes from the current one (200).
     *
     * @param rollbackOf the version being restored, or null
     */
    public MutableHttpResponse<V> write(String pipeline, String ifMatch, Authentication author,
                                        UnaryOperator<JsonNode> change, Long rollbackOf) {
        RuleVersion version = commands.execute(new WriteCommand(pipeline, kind, ifMatch, Authors.of(author),
                change, rollbackOf));
        return versioned(pipeline, version);
    }

    private MutableHttpResponse<V> versioned(String pipeline, RuleVersion version) {
        return RuleSetView.versioned(HttpStatus.OK, view.of(pipeline, version), version);
    }
}
