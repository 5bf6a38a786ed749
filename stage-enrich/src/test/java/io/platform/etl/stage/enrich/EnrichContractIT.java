package io.platform.etl.stage.enrich;

import io.platform.etl.stagetestkit.StageContract;

/** The stage contract for the enrich stage (a pass-through until its own topology lands). */
class EnrichContractIT extends StageContract {

    @Override
    protected Class<?> application() {
        return Application.class;
    }

    @Override
    protected String validRecord(String run, int i) {
        return "{\"event_id\":\"" + run + "-" + i + "\",\"user_id\":\"u" + (i % 97)
                + "\",\"event_type\":\"click\",\"timestamp\":1714557600000}";
    }
}
