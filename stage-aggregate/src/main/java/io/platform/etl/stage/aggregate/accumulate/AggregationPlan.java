package io.platform.etl.stage.aggregate.accumulate;

import com.fasterxml.jackson.core.JsonGenerator;
import io.platform.etl.model.event.Event;
import io.platform.etl.model.spec.StageConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The spec's {@code aggregations} compiled into {@link Measure}s: creates, encodes and decodes {@link WindowState}s
 * and writes their aliases into a result. State bytes: format byte, version, flags (bit 0: final emitted, bit 1:
 * changed since the last result), then each accumulator. Format 1 wrote the final flag alone as a boolean byte, so
 * it reads as format 2 with bit 1 clear.
 */
public final class AggregationPlan {

    private static final byte FORMAT = 2;
    private static final byte SAMPLE_FORMAT = 1;
    private static final byte FORMAT_FINAL_FLAG_ONLY = 1;
    private static final int FINAL_EMITTED = 1;
    private static final int CHANGED = 2;
    /** Offset of the flags byte: after the format byte and the version int. */
    private static final int FLAGS_AT = 1 + Integer.BYTES;

    private final List<Measure> measures;

    private AggregationPlan(List<Measure> measures) {
        this.measures = measures;
    }

    /**
     * @param reserved names an alias must not take (group fields and the result's own fields)
     * @throws IllegalArgumentException naming the offending alias
     */
    public static AggregationPlan compile(List<StageConfig.Aggregation> aggregations, Set<String> reserved) {
        if (aggregations.isEmpty()) {
            throw new IllegalArgumentException("processing.stages[aggregate].config.aggregations is empty:"
                    + " a result needs at least one aggregation");
        }
        Set<String> seen = new HashSet<>();
        for (StageConfig.Aggregation aggregation : aggregations) {
            if (reserved.contains(aggregation.alias()) || !seen.add(aggregation.alias())) {
                throw new IllegalArgumentException("processing.stages[aggregate].config.aggregations: alias \""
                        + aggregation.alias() + "\" is used twice or collides with a group_by field or "
                        + reserved.stream().filter(r -> r.startsWith("window_") || r.equals("final")
                                || r.equals("version")).sorted().toList());
            }
        }
        return new AggregationPlan(aggregations.stream().map(Measure::compile).toList());
    }

    public List<Measure> measures() {
        return measures;
    }

    public WindowState newState() {
        return new WindowState(measures.stream().map(Measure::create).toArray(Accumulator[]::new), 0, false, false);
    }

    public byte[] encode(WindowState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 12 * measures.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(state.version());
            out.writeByte((state.finalEmitted() ? FINAL_EMITTED : 0) | (state.changed() ? CHANGED : 0));
            for (Accumulator accumulator : state.accumulators()) {
                accumulator.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Whether encoded state has a result not emitted yet, read from its flags byte without decoding the rest. */
    public static boolean changed(byte[] encoded) {
        return changed(encoded, 0, encoded.length);
    }

    /** {@link #changed(byte[])} of the state encoded in {@code length} bytes from {@code offset}. */
    public static boolean changed(byte[] bytes, int offset, int length) {
        return length > FLAGS_AT && (bytes[offset + FLAGS_AT] & CHANGED) != 0;
    }

    public WindowState decode(byte[] encoded) {
        return decode(encoded, 0, encoded.length);
    }

    /** Decodes the state encoded in {@code length} bytes from {@code offset}. */
    public WindowState decode(byte[] bytes, int offset, int length) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, offset, length))) {
            byte format = in.readByte();
            if (format != FORMAT && format != FORMAT_FINAL_FLAG_ONLY) {
                throw new IllegalStateException("window state format " + format + " is not " + FORMAT);
            }
            int version = in.readInt();
            int flags = in.readByte();
            Accumulator[] accumulators = new Accumulator[measures.size()];
            for (int i = 0; i < accumulators.length; i++) {
                accumulators[i] = measures.get(i).read(in);
            }
            return new WindowState(accumulators, version, (flags & FINAL_EMITTED) != 0, (flags & CHANGED) != 0);
        } catch (IOException e) {
            throw new UncheckedIOException("window state does not match the aggregations of the spec", e);
        }
    }

    /** What the event contributes to its (window, group): its event time and each measure's value. */
    public Sample sample(Event event) {
        BigDecimal[] values = new BigDecimal[measures.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = measures.get(i).value(event);
        }
        return new Sample(event.eventTime().toEpochMilli(), values);
    }

    /**
     * A sample's bytes: format byte, event time (8), the number of measures (2), then per measure a tag (0 no value;
     * 1 scale (4) and unscaled value (8); 2 scale (4), length (2) and the unscaled value's two's-complement bytes).
     */
    public byte[] encode(Sample sample) {
        BigDecimal[] values = sample.values();
        // Each value's unscaled form once: BigDecimal.unscaledValue() builds a new BigInteger on every call.
        BigInteger[] unscaled = new BigInteger[values.length];
        int size = 1 + Long.BYTES + Short.BYTES;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                size += 1;
                continue;
            }
            unscaled[i] = values[i].unscaledValue();
            size += unscaled[i].bitLength() < Long.SIZE ? 1 + 4 + 8 : 1 + 4 + 2 + unscaled[i].toByteArray().length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(SAMPLE_FORMAT).putLong(sample.eventTime())
                .putShort((short) values.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                out.put((byte) 0);
            } else if (unscaled[i].bitLength() < Long.SIZE) {
                out.put((byte) 1).putInt(values[i].scale()).putLong(unscaled[i].longValue());
            } else {
                byte[] bytes = unscaled[i].toByteArray();
                out.put((byte) 2).putInt(values[i].scale()).putShort((short) bytes.length).put(bytes);
            }
        }
        return out.array();
    }

    /** The sample encoded by {@link #encode(Sample)}; null when it was not written for this plan's measures. */
    public Sample decodeSample(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != SAMPLE_FORMAT) {
                return null;
            }
            long eventTime = in.getLong();
            if (in.getShort() != measures.size()) {
                return null;
            }
            BigDecimal[] values = new BigDecimal[measures.size()];
            for (int i = 0; i < values.length; i++) {
                byte tag = in.get();
                if (tag == 1) {
                    int scale = in.getInt();
                    values[i] = BigDecimal.valueOf(in.getLong(), scale);
                } else if (tag == 2) {
                    int scale = in.getInt();
                    byte[] unscaled = new byte[in.getShort()];
                    in.get(unscaled);
                    values[i] = new BigDecimal(new BigInteger(unscaled), scale);
                } else if (tag != 0) {
                    return null;
                }
            }
            return in.hasRemaining() ? null : new Sample(eventTime, values);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Writes each alias with its current value as fields of the result object being written. */
    public void writeResults(WindowState state, JsonGenerator result) throws IOException {
        Accumulator[] accumulators = state.accumulators();
        for (int i = 0; i < accumulators.length; i++) {
            result.writeFieldName(measures.get(i).alias());
            accumulators[i].writeResult(result);
        }
    }
}
