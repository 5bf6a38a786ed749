package io.platform.etl.exporter.storage;

import io.platform.etl.exporter.config.StorageProperties;
import io.platform.etl.exporter.output.OutputFormat;
import jakarta.inject.Singleton;
import java.time.LocalDate;

/**
 * Object key layout: {@code <prefix>/<run_date>/<client>/prices-<client>-<run_date>.<ext>} and
 * {@code <prefix>/<run_date>/manifest.json}. Keys are a function of date, client and format only, so a
 * re-run overwrites the same objects instead of adding new ones.
 */
@Singleton
public class ObjectKeys {

    private final String prefix;
    private final String destination;

    public ObjectKeys(StorageProperties props) {
        String p = props.prefix() == null ? "" : props.prefix().replaceAll("^/+|/+$", "");
        this.prefix = p.isEmpty() ? "" : p + "/";
        this.destination = "s3://" + props.bucket() + "/" + prefix;
    }

    /** {@code s3://bucket/prefix/}: the scope of export_runs and export_progress rows. */
    public String destination() {
        return destination;
    }

    public String priceList(LocalDate runDate, String clientCode, OutputFormat format) {
        return prefix + runDate + "/" + clientCode + "/prices-" + clientCode + "-" + runDate + "." + format.extension();
    }

    public String manifest(LocalDate runDate) {
        return prefix + runDate + "/manifest.json";
    }
}
