package io.platform.etl.exporter.catalog;

/** A client that gets a price list. */
public record ExportClient(long id, String code, String name) {
}
