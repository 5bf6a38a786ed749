package io.platform.etl.stage.enrich.it;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;

/**
 * {@link PipelinedBatchesIT} with transactions spanning the batches of a 200 ms commit interval (ADR 0338), as
 * stage-filter ships: a record too large for the output aborts several batches at once, and every partition they
 * held is read again from that transaction's first offsets. Same assertions: every record once, in order per input
 * partition, no watermark ahead of its data.
 */
@MicronautTest
class SpanningTransactionsIT extends PipelinedBatchesIT {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        p.put("stage.commit-interval", "200ms");
        return p;
    }
}
