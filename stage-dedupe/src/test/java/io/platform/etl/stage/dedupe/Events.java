package io.platform.etl.stage.dedupe;

import java.time.Instant;

/** Test events: ids carry a run tag so each test reads only its own records. */
final class Events {

    private Events() {
    }

    static String event(String id, String user, long time) {
        StringBuilder json = new StringBuilder("{\"event_id\":\"" + id + "\"");
        if (user != null) {
            json.append(",\"user_id\":\"").append(user).append('"');
        }
        return json.append(",\"event_type\":\"click\",\"timestamp\":\"").append(Instant.ofEpochMilli(time))
                .append("\"}").toString();
    }
}
