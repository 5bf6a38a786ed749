package io.platform.etl.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.platform.etl.exporter.catalog.CatalogReader;
import io.platform.etl.exporter.catalog.ExportClient;
import io.platform.etl.exporter.catalog.PriceRow;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Parallel readers of one run see the run's snapshot, not what was committed after it was taken. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotReadersIT {

    ExporterFixture fx;

    @BeforeAll
    void setUp() throws Exception {
        fx = ExporterFixture.withGoldenCatalog(this);
    }

    @AfterAll
    void tearDown() {
        fx.close();
    }

    @Test
    void everyReaderSeesTheCatalogAsItWasWhenTheRunStarted() throws Exception {
        try (ApplicationContext context = fx.start(fx.props("snapshot"))) {
            CatalogReader catalog = context.getBean(CatalogReader.class);
            try (CatalogReader.Snapshot snapshot = catalog.open()) {
                ExportClient beta = snapshot.activeClients().stream().filter(c -> c.code().equals("BETA")).findFirst()
                        .orElseThrow();
                try (Connection c = fx.connect(); Statement st = c.createStatement()) {
                    st.execute("INSERT INTO products (sku, name, category_id, base_price, currency)"
                            + " VALUES ('SKU-006', 'Added during the run', 4, 1, 'EUR')");
                    st.execute("UPDATE products SET base_price = 6 WHERE sku = 'SKU-003'");
                }
                try (CatalogReader.Reader first = snapshot.newReader(); CatalogReader.Reader second = snapshot.newReader()) {
                    List<PriceRow> rows = new ArrayList<>();
                    first.streamPrices(beta, ExporterFixture.RUN_DATE, rows::add);
                    ByteArrayOutputStream csv = new ByteArrayOutputStream();
                    long records = second.copyCsv(beta, ExporterFixture.RUN_DATE, ',', csv);

                    assertThat(rows).extracting(PriceRow::sku).containsExactly("SKU-001", "SKU-002", "SKU-003", "SKU-005");
                    assertThat(rows.get(2).price()).isEqualTo("5.0000");
                    assertThat(records).isEqualTo(4);
                    assertThat(csv.toString(StandardCharsets.UTF_8)).contains("SKU-003,Widget,\"Tools, Hardware\",5.00,EUR,base,,\n")
                            .doesNotContain("SKU-006");
                }
            }
            try (CatalogReader.Snapshot later = catalog.open(); CatalogReader.Reader reader = later.newReader()) {
                ExportClient beta = later.activeClients().stream().filter(c -> c.code().equals("BETA")).findFirst()
                        .orElseThrow();
                List<PriceRow> rows = new ArrayList<>();
                reader.streamPrices(beta, ExporterFixture.RUN_DATE, rows::add);
                assertThat(rows).extracting(PriceRow::sku).contains("SKU-006");
            }
        }
    }
}
