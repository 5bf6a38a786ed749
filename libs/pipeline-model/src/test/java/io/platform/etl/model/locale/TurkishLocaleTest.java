package io.platform.etl.model.locale;

import io.platform.etl.model.rules.filter.FailureReason;
import io.platform.etl.model.rules.filter.Operator;
import io.platform.etl.model.spec.LateDataHandling;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs only in the {@code tr-TR} Surefire execution (see the module's pom), next to every other test of the module.
 * Under Turkish rules a lowercase dotless {@code ı} replaces {@code I}, so any name built with a locale-sensitive
 * {@code toLowerCase()} breaks: {@code in} would become {@code ın}.
 */
class TurkishLocaleTest {

    @Test
    void runsUnderTurkishDefaultLocale() {
        assertThat(Locale.getDefault().getLanguage()).isEqualTo("tr");
        assertThat("IN".toLowerCase()).as("the locale really lower-cases I to a dotless ı").isEqualTo("ın");
    }

    @Test
    void operatorJsonNamesStayAscii() {
        assertThat(Operator.fromJson("in")).contains(Operator.IN);
        assertThat(Operator.fromJson("not_in")).contains(Operator.NOT_IN);
        assertThat(Operator.fromJson("is_null")).contains(Operator.IS_NULL);
        assertThat(Arrays.stream(Operator.values()).map(Operator::jsonName)).allMatch(name -> name.matches("[a-z_]+"));
    }

    @Test
    void specEnumsAndReasonsStayAscii() {
        StreamingPipeline pipeline = PipelineSpecParser.seed();
        assertThat(pipeline.spec().config().lateDataHandling()).isEqualTo(LateDataHandling.DROP);
        assertThat(pipeline.stage(StageType.DEDUPLICATE)).isPresent();
        assertThat(StageType.DEDUPLICATE.toString()).isEqualTo("deduplicate");
        assertThat(FailureReason.MISSING_FIELD.code()).isEqualTo("missing_field");
    }
}
