package io.platform.etl.rules.write;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.rules.publish.RuleKind;
import java.util.function.UnaryOperator;

/**
 * A change to one rule set.
 *
 * @param ifMatch    the request's {@code If-Match}, or null
 * @param change     computes the new canonical body from the current one (null when there is none yet); may throw
 *                   {@link io.platform.etl.rules.problem.ProblemException} to refuse the change
 * @param rollbackOf the version being restored, or null
 */
public record WriteCommand(String pipeline, RuleKind kind, String ifMatch, String author,
                           UnaryOperator<JsonNode> change, Long rollbackOf) {

    public static WriteCommand replace(String pipeline, RuleKind kind, String ifMatch, String author, JsonNode body) {
        return new WriteCommand(pipeline, kind, ifMatch, author, current -> body, null);
    }
}
