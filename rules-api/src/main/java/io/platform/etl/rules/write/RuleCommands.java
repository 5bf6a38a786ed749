package io.platform.etl.rules.write;

import io.micrometer.core.instrument.MeterRegistry;
import io.platform.etl.rules.outbox.OutboxRelay;
import io.platform.etl.rules.store.RuleVersion;
import jakarta.inject.Singleton;

/** Runs a write, then counts it and nudges the relay so stages see the change at once. */
@Singleton
public class RuleCommands {

    private final RuleWriter writer;
    private final OutboxRelay relay;
    private final MeterRegistry meters;

    public RuleCommands(RuleWriter writer, OutboxRelay relay, MeterRegistry meters) {
        this.writer = writer;
        this.relay = relay;
        this.meters = meters;
    }

    public RuleVersion execute(WriteCommand command) {
        RuleVersion version = writer.write(command);
        meters.counter("rules.writes", "kind", command.kind().jsonName()).increment();
        relay.nudge();
        return version;
    }
}
