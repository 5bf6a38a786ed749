package io.platform.etl.exporter;

import static io.platform.etl.exporter.ExporterFixture.key;
import static io.platform.etl.exporter.ExporterFixture.manifestKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.platform.etl.exporter.run.ExportResult;
import io.platform.etl.exporter.run.RunStatus;
import io.platform.etl.exporter.storage.Manifest;
import io.platform.etl.testkit.TestInfra;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PriceExportIT {

    static final String ACME_CSV = """
            sku,product,category_path,price,currency,price_source,valid_from,valid_to\r
            SKU-001,"Смартфон ""Альфа"", 128 ГБ",Электроника / Телефоны / Смартфоны,17990.00,RUB,client,2025-03-10,\r
            SKU-002,"Hammer, ""Heavy""
            Duty","Tools, Hardware",11.00,USD,client,2025-02-28,2025-03-10\r
            SKU-003,Widget,"Tools, Hardware",5.00,EUR,base,,\r
            SKU-005,Cable,"Tools, Hardware",2.75,USD,client,2025-03-05,2025-03-15\r
            """;

    static final String BETA_CSV = """
            sku,product,category_path,price,currency,price_source,valid_from,valid_to\r
            SKU-001,"Смартфон ""Альфа"", 128 ГБ",Электроника / Телефоны / Смартфоны,19990.00,RUB,base,,\r
            SKU-002,"Hammer, ""Heavy""
            Duty","Tools, Hardware",12.50,USD,base,,\r
            SKU-003,Widget,"Tools, Hardware",5.00,EUR,base,,\r
            SKU-005,Cable,"Tools, Hardware",3.3333,USD,base,,\r
            """;

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
    void writesGoldenCsvPerActiveClientWithValidityEdgesQuotingAndCyrillic() throws Exception {
        String prefix = TestInfra.uniqueName("golden");
        ExportResult result = fx.export(fx.props(prefix, "exporter.output-formats", "csv"));

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.clientsTotal()).isEqualTo(2);
        assertThat(result.rows()).isEqualTo(8);
        assertThat(new String(fx.object(key(prefix, "ACME", "csv")), StandardCharsets.UTF_8)).isEqualTo(ACME_CSV);
        assertThat(new String(fx.object(key(prefix, "BETA", "csv")), StandardCharsets.UTF_8)).isEqualTo(BETA_CSV);
        assertThat(fx.list(prefix)).extracting(S3Object::key).containsExactlyInAnyOrder(
                key(prefix, "ACME", "csv"), key(prefix, "BETA", "csv"), manifestKey(prefix));
    }

    @Test
    void writesCsvWithSemicolonDelimiterAndBomWhenConfigured() throws Exception {
        String prefix = TestInfra.uniqueName("bom");
        fx.export(fx.props(prefix, "exporter.output-formats", "csv",
                "exporter.csv.delimiter", ";", "exporter.csv.bom", "true"));

        byte[] bytes = fx.object(key(prefix, "BETA", "csv"));
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith("sku;product;category_path;price;currency;price_source;valid_from;valid_to\r\n")
                .contains("SKU-003;Widget;Tools, Hardware;5.00;EUR;base;;\r\n");
    }

    @Test
    void writesTabSeparatedCsvQuotingOnlyWhatNeedsIt() throws Exception {
        String prefix = TestInfra.uniqueName("tab");
        fx.export(fx.props(prefix, "exporter.output-formats", "csv", "exporter.csv.delimiter", "\\t"));

        assertThat(new String(fx.object(key(prefix, "ACME", "csv")), StandardCharsets.UTF_8)).isEqualTo("""
                sku\tproduct\tcategory_path\tprice\tcurrency\tprice_source\tvalid_from\tvalid_to\r
                SKU-001\t"Смартфон ""Альфа"", 128 ГБ"\tЭлектроника / Телефоны / Смартфоны\t17990.00\tRUB\tclient\t2025-03-10\t\r
                SKU-002\t"Hammer, ""Heavy""
                Duty"\tTools, Hardware\t11.00\tUSD\tclient\t2025-02-28\t2025-03-10\r
                SKU-003\tWidget\tTools, Hardware\t5.00\tEUR\tbase\t\t\r
                SKU-005\tCable\tTools, Hardware\t2.75\tUSD\tclient\t2025-03-05\t2025-03-15\r
                """);
    }

    @Test
    void writesTypedXlsxWithFrozenBoldHeader() throws Exception {
        String prefix = TestInfra.uniqueName("xlsx");
        fx.export(fx.props(prefix, "exporter.output-formats", "xlsx"));
        byte[] xlsx = fx.object(key(prefix, "ACME", "xlsx"));

        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx), new ReadingOptions(true, false))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows).hasSize(5);
            assertThat(rows.get(0).stream().map(Cell::getText).toList()).containsExactly(
                    "sku", "product", "category_path", "price", "currency", "price_source", "valid_from", "valid_to");
            Row smartphone = rows.get(1);
            assertThat(smartphone.getCell(1).getText()).isEqualTo("Смартфон \"Альфа\", 128 ГБ");
            assertThat(smartphone.getCell(2).getText()).isEqualTo("Электроника / Телефоны / Смартфоны");
            assertThat(smartphone.getCell(3).getType()).isEqualTo(CellType.NUMBER);
            assertThat(smartphone.getCell(3).asNumber()).isEqualByComparingTo(new BigDecimal("17990"));
            assertThat(smartphone.getCell(6).getType()).isEqualTo(CellType.NUMBER);
            assertThat(smartphone.getCell(6).getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(smartphone.getCell(6).asDate()).isEqualTo(LocalDateTime.of(2025, 3, 10, 0, 0));
            assertThat(smartphone.getOptionalCell(7).map(Cell::getType).orElse(CellType.EMPTY)).isEqualTo(CellType.EMPTY);
            Row hammer = rows.get(2);
            assertThat(hammer.getCell(1).getText()).isEqualTo("Hammer, \"Heavy\"\nDuty");
            assertThat(hammer.getCell(7).asDate()).isEqualTo(LocalDateTime.of(2025, 3, 10, 0, 0));
            Row widget = rows.get(3);
            assertThat(widget.getCell(3).asNumber()).isEqualByComparingTo("5");
            assertThat(widget.getCell(5).getText()).isEqualTo("base");
            assertThat(rows.get(4).getCell(3).asNumber()).isEqualByComparingTo("2.75");
        }
        String sheetXml = zipEntry(xlsx, "xl/worksheets/sheet1.xml");
        assertThat(sheetXml).contains("ySplit=\"1\"").contains("state=\"frozen\"");
    }

    @Test
    void publishesManifestLastWithSha256OfEveryObject() throws Exception {
        String prefix = TestInfra.uniqueName("manifest");
        ExportResult result = fx.export(fx.props(prefix));

        assertThat(result.files()).isEqualTo(4);
        assertThat(result.manifestKey()).isEqualTo(manifestKey(prefix));
        Manifest manifest = manifest(prefix);
        assertThat(manifest.runDate()).isEqualTo("2025-03-10");
        assertThat(manifest.formats()).containsExactly("csv", "xlsx");
        assertThat(manifest.totalRows()).isEqualTo(8);
        assertThat(manifest.files()).extracting(Manifest.Entry::key).containsExactly(
                key(prefix, "ACME", "csv"), key(prefix, "ACME", "xlsx"),
                key(prefix, "BETA", "csv"), key(prefix, "BETA", "xlsx"));
        HeadObjectResponse manifestHead = fx.head(manifestKey(prefix));
        for (Manifest.Entry entry : manifest.files()) {
            byte[] bytes = fx.object(entry.key());
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .as(entry.key()).isEqualTo(entry.sha256());
            assertThat(entry.bytes()).isEqualTo(bytes.length);
            assertThat(entry.rows()).isEqualTo(4);
            assertThat(fx.head(entry.key()).lastModified()).isBeforeOrEqualTo(manifestHead.lastModified());
        }
    }

    @Test
    void reRunOfPublishedDateChangesNothingAndForceRewritesTheSameKeys() throws Exception {
        String prefix = TestInfra.uniqueName("rerun");
        Map<String, Object> props = fx.props(prefix);
        ExportResult first = fx.export(props);
        Map<String, String> etags = etags(prefix);

        ExportResult second = fx.export(props);

        assertThat(second.status()).isEqualTo(RunStatus.SKIPPED);
        assertThat(second.files()).isZero();
        assertThat(etags(prefix)).isEqualTo(etags);
        assertThat(manifest(prefix).runId()).isEqualTo(first.runId().toString());
        assertThat(progressRows(prefix)).isEqualTo(4);
        assertThat(runStatuses(prefix)).containsExactly("SUCCEEDED", "SKIPPED");

        ExportResult forced = fx.export(fx.props(prefix, "exporter.force", "true"));

        assertThat(forced.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(forced.files()).isEqualTo(4);
        Map<String, String> afterForce = etags(prefix);
        assertThat(afterForce.keySet()).isEqualTo(etags.keySet());
        assertThat(afterForce.get(key(prefix, "ACME", "csv"))).isEqualTo(etags.get(key(prefix, "ACME", "csv")));
        assertThat(manifest(prefix).runId()).isEqualTo(forced.runId().toString());
        assertThat(progressRows(prefix)).isEqualTo(4);
        String csv = new String(fx.object(key(prefix, "BETA", "csv")), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo(BETA_CSV);
    }

    @Test
    void uploadsInPartsAboveTheMultipartThreshold() throws Exception {
        String prefix = TestInfra.uniqueName("multipart");
        ExportResult result = fx.export(fx.props(prefix, "exporter.storage.multipart-threshold", "1"));

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        String csvKey = key(prefix, "ACME", "csv");
        assertThat(new String(fx.object(csvKey), StandardCharsets.UTF_8)).isEqualTo(ACME_CSV);
        // A multipart object's ETag is "<md5 of part md5s>-<part count>".
        assertThat(fx.head(csvKey).eTag()).endsWith("-1\"");
        assertThat(fx.head(manifestKey(prefix)).eTag()).doesNotContain("-");
    }

    @Test
    void readsTheCatalogAsTheReadOnlyRole() throws Exception {
        try (Connection c = fx.connect(); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'no_catalog_access')"
                    + " THEN CREATE ROLE no_catalog_access NOLOGIN; END IF; END $$");
        }
        String prefix = TestInfra.uniqueName("role");

        ExportResult denied = fx.export(fx.props(prefix, "exporter.read-role", "no_catalog_access"));

        assertThat(denied.status()).isEqualTo(RunStatus.FAILED);
        assertThat(denied.error()).contains("permission denied");
        try (Connection c = fx.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'price_exporter_reader'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isFalse();
        }
    }

    private Manifest manifest(String prefix) throws Exception {
        return JsonMapper.createDefault().readValue(fx.object(manifestKey(prefix)), Manifest.class);
    }

    private Map<String, String> etags(String prefix) {
        return fx.list(prefix).stream().filter(o -> !o.key().endsWith("manifest.json"))
                .collect(Collectors.toMap(S3Object::key, S3Object::eTag));
    }

    private int progressRows(String prefix) throws Exception {
        try (Connection c = fx.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM export_progress WHERE destination = 's3://"
                     + fx.bucket + "/" + prefix + "/'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private List<String> runStatuses(String prefix) throws Exception {
        try (Connection c = fx.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT status FROM export_runs WHERE destination = 's3://"
                     + fx.bucket + "/" + prefix + "/' ORDER BY started_at")) {
            List<String> statuses = new java.util.ArrayList<>();
            while (rs.next()) {
                statuses.add(rs.getString(1));
            }
            return statuses;
        }
    }

    private static String zipEntry(byte[] zip, String name) throws Exception {
        Path file = Files.createTempFile("workbook", ".xlsx");
        try {
            Files.write(file, zip);
            try (ZipFile zipFile = new ZipFile(file.toFile())) {
                ZipEntry entry = zipFile.getEntry(name);
                assertThat(entry).as(name + " in the workbook").isNotNull();
                return new String(zipFile.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            Files.delete(file);
        }
    }
}
