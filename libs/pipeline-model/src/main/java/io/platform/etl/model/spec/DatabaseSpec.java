package io.platform.etl.model.spec;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code stages[].database}: a type and a free-form {@code config} object (kept as JSON). */
public record DatabaseSpec(String type, JsonNode config) {
}
