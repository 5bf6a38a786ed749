package io.platform.etl.model.duration;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;

import java.io.IOException;
import java.time.Duration;

/**
 * Jackson support so records carry {@link Duration} while JSON shows {@code "2h"} (see {@link Durations}).
 * Record components are annotated with {@link Serializer}/{@link Deserializer}, so any ObjectMapper honours
 * them; {@link #module()} registers them globally.
 */
public final class DurationJson {

    private DurationJson() {
    }

    /** A module mapping every {@link Duration} to the short text form. */
    public static Module module() {
        SimpleModule module = new SimpleModule("etl-durations");
        module.addSerializer(Duration.class, new Serializer());
        module.addDeserializer(Duration.class, new Deserializer());
        return module;
    }

    /** Writes {@link Durations#format(Duration)}. */
    public static final class Serializer extends StdScalarSerializer<Duration> {
        public Serializer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Durations.format(value));
        }
    }

    /** Reads a JSON string with {@link Durations#parse(String)}; numbers and other tokens are rejected. */
    public static final class Deserializer extends StdScalarDeserializer<Duration> {
        public Deserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p.currentToken(), p,
                        "expected a duration string such as \"30s\", \"5m\" or \"2h\"");
            }
            String text = p.getText();
            var parsed = Durations.tryParse(text);
            if (parsed.isPresent()) {
                return parsed.get();
            }
            return (Duration) ctxt.handleWeirdStringValue(Duration.class, text,
                    new DurationFormatException(text).getMessage());
        }
    }
}
