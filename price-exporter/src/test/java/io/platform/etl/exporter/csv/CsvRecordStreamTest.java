package io.platform.etl.exporter.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CsvRecordStreamTest {

    /** What COPY … (FORMAT csv) sends: LF record ends, a quoted field with a line break and doubled quotes. */
    static final String COPY_OUTPUT = "SKU-1,\"Hammer, \"\"Heavy\"\"\nDuty\",11.00\nSKU-2,Гвоздь,0.10\n";

    @Test
    void endsRecordsWithCrlfAndKeepsLineBreaksInsideQuotedFields() throws Exception {
        AtomicInteger records = new AtomicInteger();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvRecordStream csv = new CsvRecordStream(out, records::incrementAndGet)) {
            csv.write(COPY_OUTPUT.getBytes(StandardCharsets.UTF_8));
        }

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("SKU-1,\"Hammer, \"\"Heavy\"\"\nDuty\",11.00\r\nSKU-2,Гвоздь,0.10\r\n");
        assertThat(records).hasValue(2);
    }

    @Test
    void sameResultWhenTheBytesArriveOneAtATime() throws Exception {
        AtomicInteger records = new AtomicInteger();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvRecordStream csv = new CsvRecordStream(out, records::incrementAndGet)) {
            for (byte b : COPY_OUTPUT.getBytes(StandardCharsets.UTF_8)) {
                csv.write(b);
            }
        }

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("SKU-1,\"Hammer, \"\"Heavy\"\"\nDuty\",11.00\r\nSKU-2,Гвоздь,0.10\r\n");
        assertThat(records).hasValue(2);
    }
}
