package io.platform.etl.rulesclient;

import java.time.Instant;
import java.util.Objects;

/**
 * One immutable, compiled rule version. A stage reads the holder once per record and evaluates the whole record
 * against this object, so a rule swap never splits a record between two versions.
 *
 * @param version   the snapshot version; {@code 0} = no dynamic rules yet (static rules of the spec only)
 * @param rules     the compiled rules (static and dynamic combined, as the stage's decoder built them)
 * @param appliedAt when this version took effect in this process
 */
public record AppliedRules<T>(long version, T rules, Instant appliedAt) {

    public AppliedRules {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(appliedAt, "appliedAt");
    }
}
