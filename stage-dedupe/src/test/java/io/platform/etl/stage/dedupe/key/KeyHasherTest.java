package io.platform.etl.stage.dedupe.key;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.model.event.Event;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

class KeyHasherTest {

    private static Event event(String json) {
        return Event.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void equalValuesOfTheKeyFieldsGiveTheSameKeyWhateverElseDiffers() {
        KeyHasher hasher = new KeyHasher(List.of("event_id", "user_id"));
        assertThat(hasher.hash(event("{\"event_id\":\"e1\",\"user_id\":\"u\",\"amount\":1,\"timestamp\":1}")))
                .isEqualTo(hasher.hash(event("{\"user_id\":\"u\",\"event_id\":\"e1\",\"timestamp\":2}")));
    }

    @Test
    void differentValuesTypesOrFieldsGiveDifferentKeys() {
        Event e = event("{\"a\":\"1\",\"b\":\"2\",\"n\":1,\"s\":\"1\",\"timestamp\":1}");
        assertThat(new KeyHasher(List.of("a", "b")).hash(e)).isNotEqualTo(new KeyHasher(List.of("b", "a")).hash(e));
        assertThat(new KeyHasher(List.of("n")).hash(e)).isNotEqualTo(new KeyHasher(List.of("s")).hash(e));
        assertThat(new KeyHasher(List.of("a")).hash(e)).isNotEqualTo(new KeyHasher(List.of("s")).hash(e));
    }

    @Test
    void aMissingOrNullKeyFieldGivesNoKey() {
        KeyHasher hasher = new KeyHasher(List.of("event_id", "user_id"));
        assertThat(hasher.hash(event("{\"event_id\":\"e1\",\"timestamp\":1}"))).isEmpty();
        assertThat(hasher.hash(event("{\"event_id\":\"e1\",\"user_id\":null,\"timestamp\":1}"))).isEmpty();
        assertThat(hasher.missingField(event("{\"event_id\":\"e1\",\"timestamp\":1}"))).contains("user_id");
    }

    @Test
    void readsNestedKeyFields() {
        KeyHasher hasher = new KeyHasher(List.of("order.id"));
        assertThat(hasher.hash(event("{\"order\":{\"id\":7},\"timestamp\":1}")))
                .isEqualTo(hasher.hash(event("{\"order\":{\"id\":7,\"x\":1},\"timestamp\":5}")));
    }

    @Test
    void hashesTheCompactJsonOfEachValueAsJacksonWritesIt() {
        Event e = event("{\"s\":\"plain\",\"u\":\"\u00e9t\u00e9 \u2603\",\"q\":\"say \\\"hi\\\"\",\"t\":\"a\\tb\","
                + "\"b\":\"back\\\\slash\",\"i\":-42,\"l\":12345678901234,\"d\":1.50,\"big\":123456789012345678901234,"
                + "\"o\":{\"k\":[1,\"x\"]},\"f\":false,\"timestamp\":1}");
        for (String field : List.of("s", "u", "q", "t", "b", "i", "l", "d", "big", "o", "f")) {
            assertThat(new String(KeyHasher.compactJson(e.field(field)), StandardCharsets.UTF_8)).as(field)
                    .isEqualTo(e.field(field).toString());
        }
    }

    @Test
    void roundTripsThroughSixteenBytes() {
        KeyHash hash = new KeyHasher(List.of("timestamp")).hash(event("{\"timestamp\":1}")).orElseThrow();
        assertThat(KeyHash.fromBytes(hash.toBytes())).isEqualTo(hash);
    }

    /** The hashed bytes are the state's key format: a restart after an upgrade must still find the keys it stored. */
    @Test
    void hashesLengthPrefixedNamesAndValuesWithTheStoredSeed() {
        KeyHash hash = new KeyHasher(List.of("event_id", "n"))
                .hash(event("{\"event_id\":\"e-1\",\"n\":42,\"timestamp\":1}")).orElseThrow();
        ByteBuffer bytes = ByteBuffer.allocate(4 + 8 + 4 + 5 + 4 + 1 + 4 + 2);
        bytes.putInt(8).put("event_id".getBytes(StandardCharsets.UTF_8)).putInt(5)
                .put("\"e-1\"".getBytes(StandardCharsets.UTF_8)).putInt(1).put((byte) 'n').putInt(2)
                .put("42".getBytes(StandardCharsets.UTF_8));
        long[] expected = MurmurHash3.hash128x64(bytes.array(), 0, bytes.capacity(), 0x5eed_d3d0);
        assertThat(hash).isEqualTo(new KeyHash(expected[0], expected[1]));
    }
}
