package io.platform.etl.model.rules.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.platform.etl.model.rules.RuleViolation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The regex operator cannot stall a thread: RE2 syntax only, bounded size, linear-time matching (ADR 0206). */
class RegexOperandTest {

    private static List<RuleViolation> validate(String regex) {
        return FilterCondition.of("f", Operator.REGEX, regex).validate("rules[0]");
    }

    @Test
    void rejectsBackreferencesNamingTheField() {
        assertThat(validate("^(a+)+\\1$")).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("rules[0].value");
            assertThat(v.message()).contains("invalid escape sequence").contains("`\\1`")
                    .contains("backreferences and lookaround are not supported");
        });
    }

    @Test
    void rejectsLookaround() {
        assertThat(validate("(?=a)b")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("not supported"));
    }

    @Test
    void rejectsNestedRepetitionsThatWouldExhaustMemory() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
                assertThat(validate("((a{1000}){1000}){1000}")).singleElement()
                        .satisfies(v -> assertThat(v.message()).startsWith("regex too large")));
        assertThat(validate("(x{100}){101}")).hasSize(1);
        assertThat(validate("(x{100}){100}")).isEmpty();
    }

    @Test
    void rejectsOverlongPatterns() {
        assertThat(validate("a".repeat(RegexOperand.MAX_LENGTH + 1))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("longer than " + RegexOperand.MAX_LENGTH));
    }

    @Test
    void acceptsEverydayPatterns() {
        for (String regex : List.of("^\\d{4}-\\d{2}-\\d{2}$", "[[:alpha:]]+", "\\p{L}{2,3}", "(?i)^click|view$",
                "[{}]", "a{,3}", "\\x{41}", "\\Q{1000}\\E", "^(?P<x>[a-z]+)@example\\.com$")) {
            assertThat(validate(regex)).as(regex).isEmpty();
        }
    }

    @Test
    void catastrophicPatternAnswersInMilliseconds() {
        FilterEvaluator evaluator = FilterEvaluator.compile(List.of(FilterCondition.of("f", Operator.REGEX,
                "^(a+)+$"), FilterCondition.of("g", Operator.REGEX, "^(a|aa)*(b|a{20})*c$")));
        var event = io.platform.etl.model.event.EventCodec.mapper().createObjectNode()
                .put("f", "a".repeat(10_000) + "!").put("g", "a".repeat(10_000));
        long start = System.nanoTime();
        Verdict verdict = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> evaluator.evaluate(event));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.failure().reason()).isEqualTo(FailureReason.NOT_SATISFIED);
    }
}
