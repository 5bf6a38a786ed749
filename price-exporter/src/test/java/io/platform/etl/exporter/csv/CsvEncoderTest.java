package io.platform.etl.exporter.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.exporter.output.Prices;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.junit.jupiter.api.Test;

/** The hand-written encoder must write the bytes commons-csv (MINIMAL quoting, CRLF) wrote before it. */
class CsvEncoderTest {

    static final List<String> TRICKY = List.of("", " ", "a", "plain", "a,b", "a;b", "a\tb", "say \"hi\"", "\"",
            "line\nbreak", "cr\rhere", "#hash", "!bang", " lead", "trail ", "trail\t", "Смартфон «Альфа»", "€",
            "emoji \uD83D\uDE00", "lone \uD800 surrogate", "x".repeat(70_000) + ",\"", "-", "0.10", "2025-01-01");

    @Test
    void writesTheSameBytesAsCommonsCsvForTrickyFieldsAndDelimiters() throws Exception {
        Random random = new Random(42);
        for (char delimiter : new char[] {',', ';', '\t', '|', '§'}) {
            for (int record = 0; record < 300; record++) {
                String[] fields = new String[1 + random.nextInt(8)];
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = TRICKY.get(random.nextInt(TRICKY.size()));
                }
                assertThat(encoded(delimiter, fields)).as("delimiter %s, fields %s", delimiter, List.of(fields))
                        .isEqualTo(commonsCsv(delimiter, fields));
            }
        }
    }

    @Test
    void rendersPriceTextLikeTheBigDecimalRendering() {
        for (String price : List.of("12.5000", "3.3333", "1000", "0.0000", "0.1000", "-1.5000", "17990.00",
                "5", "5.", "7.1", "123456789012.3456", "1E+3", "1.20E-2")) {
            assertThat(Prices.format(price)).as(price).isEqualTo(Prices.format(new BigDecimal(price)));
        }
    }

    private static byte[] encoded(char delimiter, String[] fields) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvEncoder encoder = new CsvEncoder(out, delimiter);
        for (int n = 0; n < 2; n++) {
            for (String field : fields) {
                encoder.field(field);
            }
            encoder.endRecord();
        }
        encoder.drain();
        return out.toByteArray();
    }

    private static byte[] commonsCsv(char delimiter, String[] fields) throws Exception {
        StringBuilder sb = new StringBuilder();
        CSVPrinter printer = new CSVPrinter(sb, CSVFormat.RFC4180.builder().setDelimiter(delimiter)
                .setQuoteMode(QuoteMode.MINIMAL).setRecordSeparator("\r\n").get());
        printer.printRecord((Object[]) fields);
        printer.printRecord((Object[]) fields);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
