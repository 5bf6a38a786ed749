package io.platform.etl.model.rules.enrich;

import io.platform.etl.model.rules.RuleViolation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Source checks of {@link EnrichmentRuleSet#validate()}. */
final class EnrichmentSourceValidator {

    private EnrichmentSourceValidator() {
    }

    static List<RuleViolation> validate(List<EnrichmentSource> sources, String listPath) {
        List<RuleViolation> out = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            String p = listPath + "[" + i + "]";
            EnrichmentSource source = sources.get(i);
            if (source == null) {
                out.add(new RuleViolation(p, "must not be null"));
                continue;
            }
            out.addAll(validateOne(source, p));
            if (!blank(source.name())) {
                Integer first = names.putIfAbsent(source.name(), i);
                if (first != null) {
                    out.add(new RuleViolation(p + ".name", "duplicate source \"" + source.name()
                            + "\" (also at " + listPath + "[" + first + "])"));
                }
            }
        }
        return out;
    }

    static List<RuleViolation> validateOne(EnrichmentSource source, String p) {
        List<RuleViolation> out = new ArrayList<>();
        if (blank(source.name())) {
            out.add(new RuleViolation(p + ".name", "required"));
        }
        if (source.type() == null) {
            out.add(new RuleViolation(p + ".type", "required"));
        } else if (source.type() == SourceType.API && blank(source.endpoint())) {
            out.add(new RuleViolation(p + ".endpoint", "required for type api"));
        } else if (source.type() == SourceType.DATABASE && blank(source.connection())) {
            out.add(new RuleViolation(p + ".connection", "required for type database"));
        }
        if (ConnectionStrings.carriesPassword(source.connection())) {
            out.add(new RuleViolation(p + ".connection",
                    "must not contain a password (give credentials through credentials_secret)"));
        }
        if (ConnectionStrings.carriesPassword(source.endpoint())) {
            out.add(new RuleViolation(p + ".endpoint",
                    "must not contain a password (give credentials through credentials_secret)"));
        }
        if (source.cacheTtl().isNegative()) {
            out.add(new RuleViolation(p + ".cache_ttl", "must not be negative"));
        }
        if (source.timeout().isZero() || source.timeout().isNegative()) {
            out.add(new RuleViolation(p + ".timeout", "must be positive"));
        }
        if (source.retryCount() < 0 || source.retryCount() > 10) {
            out.add(new RuleViolation(p + ".retry_count", "must be between 0 and 10, was " + source.retryCount()));
        }
        for (int j = 0; j < source.joinRules().size(); j++) {
            JoinRule join = source.joinRules().get(j);
            String jp = p + ".join_rules[" + j + "]";
            if (join == null) {
                out.add(new RuleViolation(jp, "must not be null"));
            } else {
                out.addAll(validateJoin(join.joinKey(), join.selectFields(), join.condition(), jp));
            }
        }
        return out;
    }

    static List<RuleViolation> validateJoin(String joinKey, List<String> selectFields, String condition, String p) {
        List<RuleViolation> out = new ArrayList<>();
        if (blank(joinKey)) {
            out.add(new RuleViolation(p + ".join_key", "required"));
        }
        if (selectFields.isEmpty()) {
            out.add(new RuleViolation(p + ".select_fields", "required"));
        }
        for (int k = 0; k < selectFields.size(); k++) {
            if (blank(selectFields.get(k))) {
                out.add(new RuleViolation(p + ".select_fields[" + k + "]", "must not be blank"));
            }
        }
        if (condition != null && EnrichmentConditions.tryParse(condition).isEmpty()) {
            out.add(new RuleViolation(p + ".condition", "unsupported condition \"" + condition
                    + "\" (expected \"<field> IS [NOT] NULL\" or \"<field> <op> <literal>\")"));
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
