-- One row per export attempt (scheduled tick, CronJob pod, manual re-run).
CREATE TABLE export_runs (
    run_id          uuid PRIMARY KEY,
    run_date        date        NOT NULL,
    -- s3://bucket/prefix the run publishes to; resume state is per destination and date
    destination     text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED')),
    formats         text        NOT NULL,
    clients_total   integer,
    clients_resumed integer,
    files           integer     NOT NULL DEFAULT 0,
    rows_exported   bigint      NOT NULL DEFAULT 0,
    manifest_key    text,
    error           text,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    duration_ms     bigint
);
CREATE INDEX export_runs_date_idx ON export_runs (destination, run_date, started_at DESC);

-- Resume state: one row per file published for a destination and run date. A client is finished for a date when every
-- requested format has a row here; a resumed run skips it and the manifest is built from these rows.
CREATE TABLE export_progress (
    destination text        NOT NULL,
    run_date    date        NOT NULL,
    client_code text        NOT NULL,
    format      text        NOT NULL CHECK (format IN ('csv', 'xlsx')),
    run_id      uuid        NOT NULL REFERENCES export_runs (run_id),
    object_key  text        NOT NULL,
    rows_count  bigint      NOT NULL,
    bytes       bigint      NOT NULL,
    sha256      char(64)    NOT NULL,
    etag        text,
    uploaded_at timestamptz NOT NULL,
    PRIMARY KEY (destination, run_date, client_code, format)
);
