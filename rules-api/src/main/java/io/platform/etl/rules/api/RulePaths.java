package io.platform.etl.rules.api;

import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.rules.problem.ProblemException;
import java.util.Arrays;

/** The URL segment of each rule kind ({@code filter-rules}, ...). */
public enum RulePaths {
    FILTER("filter-rules", RuleKind.FILTER),
    DEDUPLICATION("deduplication-rules", RuleKind.DEDUPLICATION),
    ENRICHMENT("enrichment-rules", RuleKind.ENRICHMENT);

    private final String segment;
    private final RuleKind kind;

    RulePaths(String segment, RuleKind kind) {
        this.segment = segment;
        this.kind = kind;
    }

    public String segment() {
        return segment;
    }

    public RuleKind kind() {
        return kind;
    }

    /** The kind of a URL segment, or a 404-like 400 problem naming {@code kind}. */
    public static RuleKind kindOf(String segment) {
        return Arrays.stream(values()).filter(p -> p.segment.equals(segment)).findFirst()
                .map(RulePaths::kind)
                .orElseThrow(() -> ProblemException.badParameter("kind",
                        "must be one of filter-rules, deduplication-rules, enrichment-rules"));
    }
}
