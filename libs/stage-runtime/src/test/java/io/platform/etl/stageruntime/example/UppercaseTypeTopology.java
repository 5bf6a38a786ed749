package io.platform.etl.stageruntime.example;

import com.fasterxml.jackson.databind.node.TextNode;
import io.micronaut.context.annotation.Requires;
import io.platform.etl.model.event.Event;
import io.platform.etl.model.event.EventCodec;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.StageContext;
import io.platform.etl.stageruntime.StageTopology;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The plug-in example of libs/stage-runtime/README.md, compiled and tested ({@code UppercaseTypeTopologyTest}); the
 * README shows the part between the tag comments, and {@code ReadmeExampleTest} fails when the two differ.
 */
// Not in the README: keeps the example out of the runtime's own test contexts (it would be their StageTopology).
@Requires(env = "readme-example")
// tag::example[]
@Singleton
public class UppercaseTypeTopology implements StageTopology {

    private final RuleHolder<Set<String>> acceptedTypes;   // e.g. from StageRules, see "Rule holders"

    public UppercaseTypeTopology(RuleHolder<Set<String>> acceptedTypes) {
        this.acceptedTypes = acceptedTypes;
    }

    @Override
    public KStream<byte[], byte[]> build(KStream<byte[], InputRecord> input, StageContext context) {
        return input.processValues(() -> new FixedKeyProcessor<byte[], InputRecord, byte[]>() {
            private FixedKeyProcessorContext<byte[], byte[]> ctx;

            @Override
            public void init(FixedKeyProcessorContext<byte[], byte[]> ctx) {
                this.ctx = ctx;
            }

            @Override
            public void process(FixedKeyRecord<byte[], InputRecord> record) {
                InputRecord in = record.value();
                Set<String> accepted = acceptedTypes.current().rules();      // read once per record
                if (!accepted.contains(in.event().eventType())) {
                    context.metrics().outcome("skipped", in.receivedNanos());
                    return;
                }
                String upper = in.event().eventType().toUpperCase(Locale.ROOT);
                Event out = in.event().withField("event_type", TextNode.valueOf(upper));
                ctx.forward(record.withValue(EventCodec.DEFAULT.encode(out)));
                context.metrics().outcome("passed", in.receivedNanos());
            }
        }, Named.as("uppercase"));
    }
}
// end::example[]
