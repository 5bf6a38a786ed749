package io.platform.etl.model.rules.filter;

/**
 * The outcome of {@link FilterEvaluator#evaluate}: {@link #PASS}, or a failure naming the first condition
 * (in rule order) that did not hold.
 *
 * @param passed  whether the event passes the filter
 * @param failure the first failing condition; null when passed
 */
public record Verdict(boolean passed, Failure failure) {

    /** The event passed every enabled condition. */
    public static final Verdict PASS = new Verdict(true, null);

    /**
     * The first condition that did not hold.
     *
     * @param index    position of the condition in the rule list that was compiled (0-based)
     * @param ruleId   the condition's id; null for static conditions
     * @param field    the condition's field path
     * @param operator the condition's operator
     * @param reason   why it did not hold
     */
    public record Failure(int index, String ruleId, String field, Operator operator, FailureReason reason) {

        /** E.g. {@code rule-001 (event_type in): not_satisfied} or {@code #1 (user_id not_null): missing_field}. */
        public String describe() {
            String name = ruleId != null ? ruleId : "#" + index;
            return name + " (" + field + " " + operator + "): " + reason;
        }
    }

    static Verdict fail(Failure failure) {
        return new Verdict(false, failure);
    }
}
