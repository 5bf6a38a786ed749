package io.platform.etl.stage.aggregate.group;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platform.etl.model.event.Event;
import io.platform.etl.model.event.FieldPath;
import java.io.IOException;
import java.util.List;

/**
 * The {@code group_by} fields of the spec, compiled. A record's group key is the JSON array of its values in
 * {@code group_by} order ({@code ["u1","click",null]}): an absent field and an explicit JSON null both group as
 * null; other values keep their JSON type ({@code 1} and {@code "1"} are different groups).
 */
public final class GroupKey {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> fields;
    private final FieldPath[] paths;

    public GroupKey(List<String> fields) {
        this.fields = List.copyOf(fields);
        this.paths = fields.stream().map(FieldPath::of).toArray(FieldPath[]::new);
    }

    /** The field names (paths as written in the spec), in order. */
    public List<String> fields() {
        return fields;
    }

    /** The group key bytes of an event: compact JSON array of the values. */
    public byte[] bytes(Event event) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(64);
        try (JsonGenerator out = MAPPER.createGenerator(bytes)) {
            out.writeStartArray();
            for (FieldPath path : paths) {
                JsonNode value = event.field(path);
                if (value.isTextual()) {
                    out.writeString(value.textValue());
                } else if (value.isMissingNode() || value.isNull()) {
                    out.writeNull();
                } else {
                    out.writeTree(value);
                }
            }
            out.writeEndArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a group key", e);
        }
        return bytes.toByteArray();
    }
}
