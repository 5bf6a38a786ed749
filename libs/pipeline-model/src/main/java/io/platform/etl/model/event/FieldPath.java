package io.platform.etl.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.List;
import java.util.Objects;

/**
 * A compiled field reference: {@code "user_id"}, or a dotted path into nested objects such as
 * {@code "geo.country"}; a numeric segment indexes an array ({@code "items.0.sku"}).
 * <p>
 * A top-level key that literally contains dots ({@code {"geo.country": "DE"}}) wins over the nested reading.
 * Resolution never fails: an absent field is {@link MissingNode}, distinct from an explicit JSON {@code null}.
 */
public final class FieldPath {

    private final String path;
    private final List<String> segments;

    private FieldPath(String path) {
        this.path = path;
        this.segments = List.of(path.split("\\.", -1));
    }

    /** Compiles a path; it must be non-blank. */
    public static FieldPath of(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("field path must not be blank");
        }
        return new FieldPath(path);
    }

    /** The path as written. */
    public String path() {
        return path;
    }

    /** The node at this path, or {@link MissingNode} when any segment is absent. */
    public JsonNode resolve(JsonNode root) {
        if (root == null) {
            return MissingNode.getInstance();
        }
        JsonNode literal = root.isObject() ? root.get(path) : null;
        if (literal != null || segments.size() == 1) {
            return literal != null ? literal : MissingNode.getInstance();
        }
        JsonNode current = root;
        for (String segment : segments) {
            current = step(current, segment);
            if (current == null || current.isMissingNode()) {
                return MissingNode.getInstance();
            }
        }
        return current;
    }

    /** The node at this path in an event, reading only the top-level field the path starts with. */
    JsonNode resolveIn(Event event) {
        JsonNode literal = event.top(path);
        if (literal != null || segments.size() == 1) {
            return literal != null ? literal : MissingNode.getInstance();
        }
        JsonNode current = event.top(segments.get(0));
        for (int i = 1; current != null && i < segments.size(); i++) {
            current = step(current, segments.get(i));
        }
        return current == null || current.isMissingNode() ? MissingNode.getInstance() : current;
    }

    private static JsonNode step(JsonNode node, String segment) {
        if (node.isObject()) {
            return node.get(segment);
        }
        if (node.isArray() && !segment.isEmpty() && segment.chars().allMatch(Character::isDigit)
                && segment.length() < 10) {
            return node.get(Integer.parseInt(segment));
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && other.path.equals(path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path);
    }

    @Override
    public String toString() {
        return path;
    }
}
