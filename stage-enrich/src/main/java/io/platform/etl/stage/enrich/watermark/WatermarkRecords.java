package io.platform.etl.stage.enrich.watermark;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The pipeline's watermark control record (headers {@code x-etl-watermark}, {@code x-etl-watermark-source},
 * {@code x-etl-watermark-sources}, {@code x-etl-watermark-idle}, ASCII; empty value; key = source id). Stand-in for
 * the runtime's {@code eventtime.WatermarkRecords} with the same contract, to be replaced when it is merged.
 */
public final class WatermarkRecords {

    public static final String WATERMARK = "x-etl-watermark";
    public static final String SOURCE = "x-etl-watermark-source";
    public static final String SOURCES = "x-etl-watermark-sources";
    public static final String IDLE = "x-etl-watermark-idle";

    private WatermarkRecords() {
    }

    public static boolean isWatermark(Headers headers) {
        return headers != null && headers.lastHeader(WATERMARK) != null;
    }

    /** @throws IllegalArgumentException when a header is missing or malformed */
    public static WatermarkMark decode(Headers headers) {
        try {
            return new WatermarkMark(text(headers, SOURCE), Long.parseLong(text(headers, WATERMARK)),
                    Integer.parseInt(text(headers, SOURCES)), Boolean.parseBoolean(text(headers, IDLE)));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("malformed watermark control record: " + e.getMessage(), e);
        }
    }

    public static Headers encode(WatermarkMark mark) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WATERMARK, Long.toString(mark.watermark()).getBytes(StandardCharsets.US_ASCII));
        headers.add(SOURCE, mark.source().getBytes(StandardCharsets.UTF_8));
        headers.add(SOURCES, Integer.toString(mark.sources()).getBytes(StandardCharsets.US_ASCII));
        headers.add(IDLE, Boolean.toString(mark.idle()).getBytes(StandardCharsets.US_ASCII));
        return headers;
    }

    public static byte[] key(WatermarkMark mark) {
        return mark.source().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new NullPointerException("header " + name + " missing");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
