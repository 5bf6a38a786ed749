package io.platform.etl.rules.store;

import io.micronaut.transaction.annotation.Transactional;
import io.platform.etl.model.rules.publish.RuleKind;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Read-only transactions over the rule sets. */
@Singleton
public class RuleReader {

    private final RuleSetStore store;

    public RuleReader(RuleSetStore store) {
        this.store = store;
    }

    @Transactional(readOnly = true)
    public Optional<RuleVersion> latest(String pipeline, RuleKind kind) {
        return store.latest(pipeline, kind);
    }

    @Transactional(readOnly = true)
    public long currentVersion(String pipeline, RuleKind kind) {
        return store.currentVersion(pipeline, kind);
    }

    @Transactional(readOnly = true)
    public Optional<RuleVersion> find(String pipeline, RuleKind kind, long version) {
        return store.find(pipeline, kind, version);
    }

    @Transactional(readOnly = true)
    public Page page(String pipeline, RuleKind kind, int page, int size) {
        return new Page(store.history(pipeline, kind, (long) page * size, size), store.count(pipeline, kind));
    }

    /** One page of history, newest first, and the total number of versions. */
    public record Page(List<RuleVersion> versions, long total) {
    }
}
