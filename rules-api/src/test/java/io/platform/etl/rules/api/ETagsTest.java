package io.platform.etl.rules.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ETagsTest {

    @Test
    void matchesQuotedWeakListedAndStarTags() {
        assertThat(ETags.matches("\"3\"", 3)).isTrue();
        assertThat(ETags.matches("W/\"3\"", 3)).isTrue();
        assertThat(ETags.matches("\"1\", \"3\"", 3)).isTrue();
        assertThat(ETags.matches("*", 3)).isTrue();
    }

    @Test
    void rejectsOtherVersionsGarbageAndStarOnNothing() {
        assertThat(ETags.matches("\"2\"", 3)).isFalse();
        assertThat(ETags.matches("abc", 3)).isFalse();
        assertThat(ETags.matches("*", 0)).isFalse();
    }
}
