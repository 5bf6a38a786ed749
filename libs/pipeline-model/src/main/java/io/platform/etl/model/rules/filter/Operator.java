package io.platform.etl.model.rules.filter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Filter operators; the JSON name is the lowercase name ({@code not_in}). See {@link FilterEvaluator} for the
 * semantics of each and {@code docs/adr/0005-filter-operator-semantics.md}.
 */
public enum Operator {
    IN(Operand.LIST),
    NOT_IN(Operand.LIST),
    EQUALS(Operand.SINGLE),
    NOT_EQUALS(Operand.SINGLE),
    NOT_NULL(Operand.NONE),
    IS_NULL(Operand.NONE),
    GT(Operand.SINGLE),
    GTE(Operand.SINGLE),
    LT(Operand.SINGLE),
    LTE(Operand.SINGLE),
    CONTAINS(Operand.SINGLE),
    REGEX(Operand.SINGLE);

    /** Which operand field an operator needs: none, {@code value}, or {@code values}. */
    public enum Operand { NONE, SINGLE, LIST }

    private final Operand operand;
    private final String jsonName;

    Operator(Operand operand) {
        this.operand = operand;
        this.jsonName = name().toLowerCase(Locale.ROOT);
    }

    /** The operand this operator takes. */
    public Operand operand() {
        return operand;
    }

    /** True for {@code gt}, {@code gte}, {@code lt}, {@code lte}. */
    public boolean isOrdering() {
        return this == GT || this == GTE || this == LT || this == LTE;
    }

    /** The JSON name, e.g. {@code "not_in"}. */
    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    /** Looks an operator up by its JSON name (exact, lowercase). */
    public static Optional<Operator> fromJson(String name) {
        return Arrays.stream(values()).filter(op -> op.jsonName.equals(name)).findFirst();
    }

    /** For Jackson: the operator with this JSON name; {@code unknown operator "x"} otherwise. */
    @JsonCreator
    public static Operator parse(String name) {
        return fromJson(name).orElseThrow(() -> new IllegalArgumentException("unknown operator \"" + name + "\""));
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
