package io.platform.etl.rules.write;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import io.platform.etl.rules.api.ETags;
import io.platform.etl.rules.config.RulesSettings;
import io.platform.etl.rules.diff.RuleDiff;
import io.platform.etl.rules.problem.ProblemException;
import io.platform.etl.rules.store.RuleSetStore;
import io.platform.etl.rules.store.RuleVersion;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Commits a new version and its outbox row in one transaction. The head row lock serializes writers of the same
 * (pipeline, kind), so of two writers sending the same {@code If-Match} exactly one wins and the other gets 412.
 */
@Singleton
public class RuleWriter {

    private final RuleSetStore store;
    private final RulesSettings settings;

    public RuleWriter(RuleSetStore store, RulesSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Transactional
    public RuleVersion write(WriteCommand command) {
        if (command.ifMatch() == null && settings.requireIfMatch()) {
            throw ProblemException.of(HttpStatus.PRECONDITION_REQUIRED, "if-match-required",
                    "send If-Match with the ETag of the version you changed");
        }
        long current = store.lockHead(command.pipeline(), command.kind());
        if (command.ifMatch() != null && !ETags.matches(command.ifMatch(), current)) {
            throw ProblemException.of(HttpStatus.PRECONDITION_FAILED, "stale-version",
                    "If-Match " + command.ifMatch() + " does not match the current version " + ETags.of(current)
                            + "; re-read the rules and apply your change again");
        }
        JsonNode previous = current == 0 ? null
                : store.find(command.pipeline(), command.kind(), current).map(RuleVersion::body).orElse(null);
        JsonNode next = command.change().apply(previous);
        RuleVersion version = new RuleVersion(command.pipeline(), command.kind(), current + 1, next,
                command.author(), Instant.now().truncatedTo(ChronoUnit.MICROS),
                RuleDiff.between(command.kind(), previous, next), command.rollbackOf());
        store.append(version);
        return version;
    }
}
