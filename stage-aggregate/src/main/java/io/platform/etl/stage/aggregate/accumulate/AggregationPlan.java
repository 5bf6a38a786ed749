package io.platform.etl.stage.aggregate.accumulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platform.etl.model.spec.StageConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The spec's {@code aggregations} compiled into {@link Measure}s: creates, encodes and decodes {@link WindowState}s
 * and writes their aliases into a result. State bytes: format byte, version, final flag, then each accumulator.
 */
public final class AggregationPlan {

    private static final byte FORMAT = 1;

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
        return new WindowState(measures.stream().map(Measure::create).toArray(Accumulator[]::new), 0, false);
    }

    public byte[] encode(WindowState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 12 * measures.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(state.version());
            out.writeBoolean(state.finalEmitted());
            for (Accumulator accumulator : state.accumulators()) {
                accumulator.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public WindowState decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("window state format " + format + " is not " + FORMAT);
            }
            int version = in.readInt();
            boolean finalEmitted = in.readBoolean();
            Accumulator[] accumulators = new Accumulator[measures.size()];
            for (int i = 0; i < accumulators.length; i++) {
                accumulators[i] = measures.get(i).read(in);
            }
            return new WindowState(accumulators, version, finalEmitted);
        } catch (IOException e) {
            throw new UncheckedIOException("window state does not match the aggregations of the spec", e);
        }
    }

    /** Writes each alias with its current value into {@code result}. */
    public void writeResults(WindowState state, ObjectNode result) {
        Accumulator[] accumulators = state.accumulators();
        for (int i = 0; i < accumulators.length; i++) {
            result.set(measures.get(i).alias(), accumulators[i].result());
        }
    }
}
