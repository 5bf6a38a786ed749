package io.platform.etl.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.exporter.catalog.PriceRow;
import io.platform.etl.exporter.config.CsvProperties;
import io.platform.etl.exporter.csv.CsvPriceListFormat;
import io.platform.etl.exporter.output.LocalFileWriter;
import io.platform.etl.exporter.output.Prices;
import io.platform.etl.exporter.output.WrittenFile;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceListFormatsTest {

    static final PriceRow TAB_ROW = new PriceRow("A\t1", "Гвоздь\t\"10\"", "Root", new BigDecimal("0.1000"), "RUB",
            true, LocalDate.of(2025, 1, 1), null);

    @Test
    void rendersPricesWithTwoDecimalsAndKeepsSignificantOnes() {
        assertThat(Prices.format(new BigDecimal("12.5000"))).isEqualTo("12.50");
        assertThat(Prices.format(new BigDecimal("3.3333"))).isEqualTo("3.3333");
        assertThat(Prices.format(new BigDecimal("1E+3"))).isEqualTo("1000.00");
        assertThat(Prices.format(new BigDecimal("0.0000"))).isEqualTo("0.00");
    }

    @Test
    void quotesFieldsContainingATabDelimiter() throws Exception {
        CsvPriceListFormat format = new CsvPriceListFormat(new CsvProperties("\\t", false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var writer = format.open(out);
        writer.write(TAB_ROW);
        writer.finish();

        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith(
                "\"A\t1\"\t\"Гвоздь\t\"\"10\"\"\"\tRoot\t0.10\tRUB\tclient\t2025-01-01\t\r\n");
    }

    @Test
    void localFileCarriesRowCountSizeAndSha256OfItsBytes(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("x.csv");
        WrittenFile file;
        try (LocalFileWriter writer = new LocalFileWriter(new CsvPriceListFormat(new CsvProperties(",", true)), path)) {
            writer.write(TAB_ROW);
            writer.write(TAB_ROW);
            file = writer.finish();
        }
        byte[] bytes = Files.readAllBytes(path);
        assertThat(file.rows()).isEqualTo(2);
        assertThat(file.bytes()).isEqualTo(bytes.length);
        assertThat(file.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }
}
