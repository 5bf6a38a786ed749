package io.platform.etl.stageruntime.eventtime;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The in-band watermark control record every stage task writes into every partition of its output topic (ADR 0320):
 * key = the source id (UTF-8), an empty value, and the headers below (ASCII values). Consumers of intermediate
 * topics that are not stages skip records carrying {@value #WATERMARK}.
 */
public final class WatermarkRecords {

    /** Event-time watermark in epoch milliseconds: no later record from this source has an earlier event time. */
    public static final String WATERMARK = "x-etl-watermark";
    /** Unique id of the emitting task ({@code application-id/task-id}). */
    public static final String SOURCE = "x-etl-watermark-source";
    /** How many tasks write into this topic, i.e. how many sources a consumer must hear from. */
    public static final String SOURCES = "x-etl-watermark-sources";
    /** {@code true} while the source has no input: consumers leave it out of their minimum. */
    public static final String IDLE = "x-etl-watermark-idle";

    private WatermarkRecords() {
    }

    /** True when the headers mark a watermark control record (cheap: one header scan). */
    public static boolean isWatermark(Headers headers) {
        return headers != null && headers.lastHeader(WATERMARK) != null;
    }

    /** The mark carried by a control record; throws {@link IllegalArgumentException} when a header is malformed. */
    public static WatermarkMark decode(Headers headers) {
        try {
            return new WatermarkMark(text(headers, SOURCE), Long.parseLong(text(headers, WATERMARK)),
                    Integer.parseInt(text(headers, SOURCES)), Boolean.parseBoolean(text(headers, IDLE)));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("malformed watermark control record: " + e.getMessage(), e);
        }
    }

    /** Headers of a control record for {@code mark}. */
    public static Headers encode(WatermarkMark mark) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WATERMARK, ascii(Long.toString(mark.watermark())));
        headers.add(SOURCE, mark.source().getBytes(StandardCharsets.UTF_8));
        headers.add(SOURCES, ascii(Integer.toString(mark.sources())));
        headers.add(IDLE, ascii(Boolean.toString(mark.idle())));
        return headers;
    }

    /** The key of a control record (its source id): repartition topics drop null keys. */
    public static byte[] key(WatermarkMark mark) {
        return mark.source().getBytes(StandardCharsets.UTF_8);
    }

    /** The value of every control record. */
    public static byte[] value() {
        return new byte[0];
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new NullPointerException("header " + name + " missing");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
