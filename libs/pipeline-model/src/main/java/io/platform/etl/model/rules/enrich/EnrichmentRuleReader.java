package io.platform.etl.model.rules.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.json.Cursor;
import io.platform.etl.model.rules.Validated;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Reads enrichment sources and rules from JSON/YAML trees, naming every error by path. */
public final class EnrichmentRuleReader {

    private static final Set<String> SOURCE_FIELDS = Set.of("name", "type", "connection", "endpoint", "cache_ttl",
            "timeout", "retry_count", "join_rules", "credentials_secret");
    private static final Set<String> RULE_FIELDS = Set.of("source", "join_key", "select_fields", "condition");
    private static final Set<String> JOIN_FIELDS = Set.of("join_key", "select_fields", "condition");

    private EnrichmentRuleReader() {
    }

    /** Reads {@code {"sources":[...],"rules":[...]}} (other top-level keys such as {@code pipeline} tolerated). */
    public static Validated<EnrichmentRuleSet> read(JsonNode json) {
        Cursor root = Cursor.strictRoot(json);
        if (!root.require() || !root.isObject()) {
            return new Validated<>(null, root.errors());
        }
        EnrichmentRuleSet set = readSet(root.field("sources"), root.field("rules"));
        return new Validated<>(set, root.errors());
    }

    /** Reads one source object (the {@code POST /enrichment-rules/sources} {@code source} member). */
    public static Validated<EnrichmentSource> readSource(JsonNode json) {
        Cursor root = Cursor.strictRoot(json);
        int before = root.errorCount();
        EnrichmentSource source = readSourceAt(root);
        if (source != null) {
            root.addUnlessReported(before, source.validate(""));
        }
        return new Validated<>(source, root.errors());
    }

    /** Reads sources and rules at two cursors and validates them together; errors go to the cursors' list. */
    public static EnrichmentRuleSet readSet(Cursor sources, Cursor rules) {
        int before = sources.errorCount();
        List<Cursor> sourceCursors = sources.elements();
        List<Cursor> ruleCursors = rules.elements();
        List<EnrichmentSource> sourceList = sourceCursors.stream()
                .map(EnrichmentRuleReader::readSourceAt).filter(Objects::nonNull).toList();
        List<EnrichmentRule> ruleList = ruleCursors.stream()
                .map(EnrichmentRuleReader::readRule).filter(Objects::nonNull).toList();
        EnrichmentRuleSet set = new EnrichmentRuleSet(sourceList, ruleList);
        if (sourceList.size() == sourceCursors.size() && ruleList.size() == ruleCursors.size()) {
            sources.addUnlessReported(before, set.validate(sources.path(), rules.path()));
        }
        return set;
    }

    private static EnrichmentSource readSourceAt(Cursor c) {
        if (!c.require() || !c.isObject()) {
            return null;
        }
        c.rejectUnknown(SOURCE_FIELDS);
        return new EnrichmentSource(
                c.field("name").text().orElse(null),
                c.field("type").named("source type", SourceType::fromJson).orElse(null),
                c.field("connection").text().orElse(null),
                c.field("endpoint").text().orElse(null),
                c.field("cache_ttl").duration().orElse(null),
                c.field("timeout").duration().orElse(null),
                c.field("retry_count").intValue().orElse(null),
                readJoins(c.field("join_rules")),
                c.field("credentials_secret").text().orElse(null));
    }

    private static List<JoinRule> readJoins(Cursor list) {
        List<JoinRule> joins = new ArrayList<>();
        for (Cursor c : list.elements()) {
            if (c.require() && c.isObject()) {
                c.rejectUnknown(JOIN_FIELDS);
                joins.add(new JoinRule(c.field("join_key").text().orElse(null), c.field("select_fields").textList(),
                        c.field("condition").text().orElse(null)));
            }
        }
        return joins;
    }

    private static EnrichmentRule readRule(Cursor c) {
        if (!c.require() || !c.isObject()) {
            return null;
        }
        c.rejectUnknown(RULE_FIELDS);
        return new EnrichmentRule(c.field("source").text().orElse(null), c.field("join_key").text().orElse(null),
                c.field("select_fields").textList(), c.field("condition").text().orElse(null));
    }
}
