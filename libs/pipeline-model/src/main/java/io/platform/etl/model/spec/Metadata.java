package io.platform.etl.model.spec;

/** {@code metadata}: the pipeline name (also the {@code pipeline} of the rules API) and namespace. */
public record Metadata(String name, String namespace) {
}
