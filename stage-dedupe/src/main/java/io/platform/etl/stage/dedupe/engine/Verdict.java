package io.platform.etl.stage.dedupe.engine;

/** What happens to one keyed record. */
public enum Verdict {
    /** First copy inside the window: forwarded unchanged and remembered. */
    PASSED("passed"),
    /** The very copy that passed before (same input position), seen again after a replay: forwarded again. */
    REPLAYED("passed"),
    /** A copy of a key that passed within the window: dropped. */
    DUPLICATE("duplicate"),
    /** Event time before the expiry horizon: cannot be judged exactly; routed per {@code stage.dedupe.expired}. */
    EXPIRED("expired");

    private final String status;

    Verdict(String status) {
        this.status = status;
    }

    /** The {@code throughput} status label. */
    public String status() {
        return status;
    }
}
