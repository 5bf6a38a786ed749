package io.platform.etl.stage.filter;

import io.platform.etl.stagetestkit.StageContract;
import java.util.List;

/** The stage contract for the filter: half of its records are {@code view}s, which the spec's conditions drop. */
class FilterContractIT extends StageContract {

    @Override
    protected Class<?> application() {
        return Application.class;
    }

    @Override
    protected String validRecord(String run, int i) {
        return "{\"event_id\":\"" + run + "-" + i + "\",\"user_id\":\"u" + (i % 97) + "\",\"event_type\":\""
                + (i % 2 == 0 ? "click" : "view") + "\",\"timestamp\":1714557600000}";
    }

    @Override
    protected List<String> expectedOutput(List<String> inputs) {
        return inputs.stream().filter(value -> value.contains("\"click\"")).toList();
    }

    @Override
    protected boolean followsDynamicRules() {
        return true;
    }
}
