package io.platform.etl.platform.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platform.etl.platform.health.TextTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-client summary {@code ./platform export} prints, read from the run's {@code manifest.json} (the
 * exporter's published list of files): client, format, rows, bytes, the start of the SHA-256 (equal lists would
 * show equal digests) and the object key.
 */
public final class ManifestSummary {

    static final List<String> HEADER = List.of("CLIENT", "FORMAT", "ROWS", "BYTES", "SHA-256", "KEY");
    private static final int DIGEST_SHOWN = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestSummary() {
    }

    public static String render(String manifestJson) {
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestJson);
        } catch (IOException e) {
            throw new UncheckedIOException("manifest.json is not JSON", e);
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode f : manifest.path("files")) {
            String sha = f.path("sha256").asText("");
            rows.add(List.of(f.path("client").asText(), f.path("format").asText(), f.path("rows").asText(),
                    f.path("bytes").asText(), sha.length() > DIGEST_SHOWN ? sha.substring(0, DIGEST_SHOWN) : sha,
                    f.path("key").asText()));
        }
        return TextTable.render(HEADER, rows) + manifest.path("clients").asInt() + " clients, "
                + manifest.path("total_rows").asLong() + " rows, run " + manifest.path("run_id").asText() + "\n";
    }
}
