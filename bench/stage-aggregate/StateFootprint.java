import io.platform.etl.model.event.Event;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageConfig;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.stage.aggregate.accumulate.AggregationPlan;
import io.platform.etl.stage.aggregate.accumulate.ResultFormat;
import io.platform.etl.stage.aggregate.accumulate.WindowState;
import io.platform.etl.stage.aggregate.group.GroupKey;
import io.platform.etl.stage.aggregate.state.WindowTable;
import io.platform.etl.stageruntime.keyed.Emitter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * The heap the stage's in-memory state takes per (window, group), measured in the bench JVM: {@value #ENTRIES} groups
 * of the bench's shape (whatever GROUPS is: fewer are lost in the noise of a heap reading) in one window of a {@code WindowTable} (the stage's class), each folded one bench event and written
 * back as the stage does at the end of a loop iteration; used heap after full GCs, before and after, divided by the
 * entries. Includes the hash table's slots; not the changelog's producer buffers.
 */
final class StateFootprint {

    static final int ENTRIES = 1_000_000;

    record Figures(int entries, double bytesPerEntry) {

        String markdown() {
            return "%.0f B of heap per (window, group) (%,d entries in one window, in-process)".formatted(
                    bytesPerEntry, entries);
        }
    }

    private StateFootprint() {
    }

    static Figures measure(int groups) throws Exception {
        StageConfig.Aggregate config = PipelineSpecParser.parse(Path.of("config/pipeline.yaml")).spec()
                .stageConfig(StageType.AGGREGATE, StageConfig.Aggregate.class).orElseThrow();
        GroupKey keys = new GroupKey(config.groupBy());
        AggregationPlan plan = AggregationPlan.compile(config.aggregations(), ResultFormat.reservedNames(keys));
        String[] types = {"click", "purchase"};
        String[] regions = {"EU", "US"};
        long before = usedAfterGc();
        WindowTable table = new WindowTable(plan);
        table.ready();
        for (int group = 0; group < groups; group++) {
            String json = "{\"event_id\":\"e-" + group + "\",\"user_id\":\"u" + group / 4 + "\",\"event_type\":\""
                    + types[group % 2] + "\",\"region\":\"" + regions[(group / 2) % 2] + "\",\"timestamp\":"
                    + (AggregateBench.BASE + group) + ",\"amount\":" + (group % 300) + ".5}";
            Event event = Event.parse(json.getBytes(StandardCharsets.UTF_8));
            WindowState state = table.create(AggregateBench.BASE, keys.bytes(event));
            state.add(plan.sample(event));
            if (group % 10_000 == 9_999) {
                table.flush(NOTHING);
            }
        }
        table.flush(NOTHING);
        long after = usedAfterGc();
        Figures figures = new Figures(groups, (after - before) / (double) table.size());
        System.out.printf("state footprint: %s%n", figures.markdown());
        return figures;
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        // System.gc() is a synchronous full collection here (no -XX:+ExplicitGCInvokesConcurrent): nothing to wait for.
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static final Emitter NOTHING = new Emitter() {
        @Override
        public void output(byte[] key, byte[] value, Headers headers) {
        }

        @Override
        public void send(String topic, byte[] key, byte[] value, Headers headers) {
        }

        @Override
        public void deadLetter(ConsumerRecord<byte[], byte[]> record, byte[] key, Headers headers, String reason,
                               String message, String sourceTopic, int sourcePartition, long sourceOffset,
                               long receivedNanos) {
        }

        @Override
        public void outcome(String status, long receivedNanos) {
        }

        @Override
        public void change(byte[] key, byte[] value) {
        }
    };
}
