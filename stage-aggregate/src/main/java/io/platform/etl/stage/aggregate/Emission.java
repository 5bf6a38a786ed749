package io.platform.etl.stage.aggregate;

/**
 * What the aggregate processor hands on: a result for the output topic, or a late record for the late-data topic.
 *
 * @param value the record value bytes
 * @param late  true for a late record (its key and headers travel on the Kafka record)
 */
public record Emission(byte[] value, boolean late) {

    static Emission result(byte[] value) {
        return new Emission(value, false);
    }

    static Emission late(byte[] value) {
        return new Emission(value, true);
    }
}
