package io.platform.etl.model.rules.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import io.platform.etl.model.event.FieldPath;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** One validated condition with its operand pre-processed (regex compiled by RE2/J, numbers parsed, sets hashed). */
final class CompiledCondition {

    private final FilterCondition source;
    private final int index;
    private final FieldPath path;
    private final JsonNode value;
    private final Set<Object> members;
    private final boolean membersContainNull;
    private final BigDecimal numberBound;
    private final Instant timeBound;
    private final Pattern pattern;

    CompiledCondition(FilterCondition source, int index) {
        this.source = source;
        this.index = index;
        this.path = FieldPath.of(source.field());
        this.value = source.value();
        Operator op = source.operator();
        if (op.operand() == Operator.Operand.LIST) {
            members = new HashSet<>();
            source.values().forEach(v -> members.add(JsonValues.key(v)));
            membersContainNull = source.values().stream().anyMatch(JsonNode::isNull);
        } else {
            members = Set.of();
            membersContainNull = false;
        }
        Comparable<?> bound = op.isOrdering() ? JsonValues.orderingOperand(value).orElseThrow() : null;
        numberBound = bound instanceof BigDecimal number ? number : null;
        timeBound = bound instanceof Instant instant ? instant : null;
        pattern = op == Operator.REGEX ? RegexOperand.compile(value.textValue()) : null;
    }

    boolean enabled() {
        return source.enabled();
    }

    Verdict.Failure failure(FailureReason reason) {
        return new Verdict.Failure(index, source.id(), source.field(), source.operator(), reason);
    }

    FieldPath path() {
        return path;
    }

    /** Null when the condition holds for the field value (resolved with {@link #path()}), else why not. */
    FailureReason test(JsonNode actual) {
        boolean missing = actual.isMissingNode();
        boolean isNull = actual.isNull();
        return switch (source.operator()) {
            case IS_NULL -> missing || isNull ? null : FailureReason.NOT_SATISFIED;
            case NOT_NULL -> missing ? FailureReason.MISSING_FIELD : isNull ? FailureReason.NULL_VALUE : null;
            case NOT_EQUALS -> missing || isNull || !JsonValues.sameValue(actual, value) ? null
                    : FailureReason.NOT_SATISFIED;
            case NOT_IN -> missing || !isMember(actual) ? null : FailureReason.NOT_SATISFIED;
            case IN -> missing ? FailureReason.MISSING_FIELD
                    : isMember(actual) ? null : isNull ? FailureReason.NULL_VALUE : FailureReason.NOT_SATISFIED;
            default -> missing ? FailureReason.MISSING_FIELD : isNull ? FailureReason.NULL_VALUE : testValue(actual);
        };
    }

    private FailureReason testValue(JsonNode actual) {
        return switch (source.operator()) {
            case EQUALS -> equalsValue(actual);
            case GT, GTE, LT, LTE -> compare(actual);
            case CONTAINS -> contains(actual);
            case REGEX -> actual.isTextual() ? verdict(pattern.matcher(actual.textValue()).find())
                    : FailureReason.TYPE_MISMATCH;
            default -> throw new IllegalStateException("operator " + source.operator());
        };
    }

    private boolean isMember(JsonNode actual) {
        return actual.isNull() ? membersContainNull : members.contains(JsonValues.key(actual));
    }

    private FailureReason equalsValue(JsonNode actual) {
        if (JsonValues.sameValue(actual, value)) {
            return null;
        }
        boolean comparable = actual.getNodeType() == value.getNodeType() || actual.isNumber() && value.isNumber();
        return comparable ? FailureReason.NOT_SATISFIED : FailureReason.TYPE_MISMATCH;
    }

    private FailureReason compare(JsonNode actual) {
        int cmp;
        if (numberBound != null) {
            Optional<BigDecimal> number = JsonValues.numeric(actual);
            if (number.isEmpty()) {
                return FailureReason.TYPE_MISMATCH;
            }
            cmp = number.get().compareTo(numberBound);
        } else {
            Optional<Instant> time = JsonValues.time(actual);
            if (time.isEmpty()) {
                return FailureReason.TYPE_MISMATCH;
            }
            cmp = time.get().compareTo(timeBound);
        }
        return verdict(switch (source.operator()) {
            case GT -> cmp > 0;
            case GTE -> cmp >= 0;
            case LT -> cmp < 0;
            case LTE -> cmp <= 0;
            default -> throw new IllegalStateException("operator " + source.operator());
        });
    }

    private FailureReason contains(JsonNode actual) {
        if (actual.isTextual()) {
            return value.isTextual() ? verdict(actual.textValue().contains(value.textValue()))
                    : FailureReason.TYPE_MISMATCH;
        }
        if (actual.isArray()) {
            for (JsonNode element : actual) {
                if (JsonValues.sameValue(element, value)) {
                    return null;
                }
            }
            return FailureReason.NOT_SATISFIED;
        }
        return FailureReason.TYPE_MISMATCH;
    }

    private static FailureReason verdict(boolean holds) {
        return holds ? null : FailureReason.NOT_SATISFIED;
    }
}
