package io.platform.etl.model.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldPathTest {

    private final Event event = Event.parse(("""
            {"timestamp":0,"user_id":"u1","geo":{"country":"DE","city":{"name":"Berlin"}},"geo.country":"literal",
             "items":[{"sku":"a"},{"sku":"b"}],"nothing":null}""").getBytes(StandardCharsets.UTF_8));

    @ParameterizedTest
    @CsvSource({"user_id,u1", "geo.city.name,Berlin", "geo.country,literal", "items.1.sku,b", "items.0.sku,a"})
    void resolvesPaths(String path, String expected) {
        assertThat(event.field(path).asText()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"absent", "geo.absent", "geo.city.name.deeper", "items.2.sku", "items.x", "user_id.x",
            "nothing.x", "geo..country", "items.-1.sku"})
    void absentPathsResolveToMissingNode(String path) {
        assertThat(event.field(path).isMissingNode()).isTrue();
    }

    @Test
    void explicitNullIsNotMissing() {
        assertThat(event.field("nothing").isNull()).isTrue();
        assertThat(event.field("nothing").isMissingNode()).isFalse();
    }

    @Test
    void rejectsBlankPaths() {
        assertThatThrownBy(() -> FieldPath.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldPath.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityByPath() {
        assertThat(FieldPath.of("a.b")).isEqualTo(FieldPath.of("a.b")).hasToString("a.b");
        assertThat(FieldPath.of("a.b").resolve(null).isMissingNode()).isTrue();
    }
}
