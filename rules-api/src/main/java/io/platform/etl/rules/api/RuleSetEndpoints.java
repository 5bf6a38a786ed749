package io.platform.etl.rules.api;

import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.rules.write.RuleCommands;
import io.platform.etl.rules.store.RuleReader;
import jakarta.inject.Singleton;

/** Makes the {@link RuleSetEndpoint} of a rule kind for its controller. */
@Singleton
public class RuleSetEndpoints {

    private final RuleReader reader;
    private final RuleCommands commands;
    private final RequestChecks checks;

    public RuleSetEndpoints(RuleReader reader, RuleCommands commands, RequestChecks checks) {
        this.reader = reader;
        this.commands = commands;
        this.checks = checks;
    }

    public <V> RuleSetEndpoint<V> of(RuleKind kind, RuleSetEndpoint.View<V> view) {
        return new RuleSetEndpoint<>(kind, view, reader, commands, checks);
    }
}
