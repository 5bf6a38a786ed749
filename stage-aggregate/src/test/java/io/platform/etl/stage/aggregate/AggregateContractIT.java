package io.platform.etl.stage.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platform.etl.stagetestkit.StageContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The stage contract for the aggregate stage (repository spec: {@code output_mode: update}). Every valid record is
 * its own group, so each yields exactly one result while its window is open (the contract's input carries no
 * watermarks, so the window stays open): the output holds one {@code version: 1} result per input record, also
 * across the SIGKILL case.
 */
class AggregateContractIT extends StageContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A recent event time (the broker's retention would delete results of an old window). */
    private static final Instant TIME = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant WINDOW = Instant.ofEpochMilli(Math.floorDiv(TIME.toEpochMilli(), 300_000L) * 300_000L);

    @Override
    protected Class<?> application() {
        return Application.class;
    }

    @Override
    protected String validRecord(String run, int i) {
        return "{\"event_id\":\"" + run + "-" + i + "\",\"user_id\":\"" + run + "-u" + i
                + "\",\"event_type\":\"click\",\"timestamp\":\"" + TIME + "\",\"amount\":" + i + ".5}";
    }

    /** Fewer than the default: every record is a group of its own, and the module's ITs share a busy machine. */
    @Override
    protected int crashRecords() {
        return 2000;
    }

    @Override
    protected List<String> expectedOutput(List<String> inputs) {
        return inputs.stream().map(AggregateContractIT::result).toList();
    }

    private static String result(String input) {
        JsonNode event = read(input);
        return "{\"window_start\":\"" + WINDOW + "\",\"window_end\":\"" + WINDOW.plusSeconds(300)
                + "\",\"user_id\":\"" + event.get("user_id").asText() + "\",\"event_type\":\"click\",\"region\":null,"
                + "\"total_amount\":" + event.get("amount").decimalValue().stripTrailingZeros().toPlainString()
                + ",\"event_count\":1,\"last_event_time\":\"" + TIME + "\",\"final\":false,\"version\":1}";
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
