package io.platform.etl.exporter;

import static io.platform.etl.exporter.ExporterFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.exporter.run.RunStatus;
import io.platform.etl.testkit.TestInfra;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.TestInstance;

/** Whatever a product is called, an RFC 4180 reader (commons-csv) gets the exact name back from the export. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsvRoundTripIT {

    static final List<String> NAMES = List.of("#hash first", "trailing space ", " leading space", "semi;colon",
            "tab\there", "comma, inside", "CR\rLF\nboth", "\"quoted\" and \"\"doubled\"\"", "\\.", "\\", "'",
            "Ünïcödé ✓ Гвоздь 10×20", "");

    ExporterFixture fx;

    @BeforeAll
    void setUp() throws Exception {
        fx = ExporterFixture.withGoldenCatalog(this);
        try (Connection c = fx.connect()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO products (sku, name, category_id, base_price,"
                    + " currency) VALUES (?, ?, 4, 1.5, 'EUR')")) {
                for (int i = 0; i < NAMES.size(); i++) {
                    ps.setString(1, "RT-%02d".formatted(i));
                    ps.setString(2, NAMES.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    @AfterAll
    void tearDown() {
        fx.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {",", ";", "\\t", "|"})
    void everyNameReadsBackExactlyWithTheConfiguredDelimiter(String delimiter) throws Exception {
        String prefix = TestInfra.uniqueName("roundtrip");
        assertThat(fx.export(fx.props(prefix, "exporter.output-formats", "csv", "exporter.csv.delimiter", delimiter))
                .status()).isEqualTo(RunStatus.SUCCEEDED);
        String csv = new String(fx.object(key(prefix, "BETA", "csv")), StandardCharsets.UTF_8);

        List<CSVRecord> records = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter.equals("\\t") ? "\t" : delimiter).setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();

        Map<String, String> names = records.stream().filter(r -> r.get("sku").startsWith("RT-"))
                .collect(Collectors.toMap(r -> r.get("sku"), r -> r.get("product")));
        assertThat(names).hasSize(NAMES.size());
        for (int i = 0; i < NAMES.size(); i++) {
            assertThat(names.get("RT-%02d".formatted(i))).as("RT-%02d", i).isEqualTo(NAMES.get(i));
        }
        assertThat(records).allSatisfy(r -> assertThat(r.get("price")).isIn("1.50", "19990.00", "12.50", "5.00", "3.3333"));
    }
}
