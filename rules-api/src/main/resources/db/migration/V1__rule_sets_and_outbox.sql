-- Every committed version of a rule set; (pipeline, kind, version) is unique so two writers can never both
-- create the same version.
CREATE TABLE rule_set_version (
    pipeline    TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    version     BIGINT      NOT NULL CHECK (version >= 1),
    body        JSONB       NOT NULL,
    author      TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    diff        JSONB       NOT NULL,
    rollback_of BIGINT,
    PRIMARY KEY (pipeline, kind, version)
);

-- One row per (pipeline, kind): the current version, locked with SELECT ... FOR UPDATE by writers.
CREATE TABLE rule_set_head (
    pipeline TEXT   NOT NULL,
    kind     TEXT   NOT NULL,
    version  BIGINT NOT NULL,
    PRIMARY KEY (pipeline, kind)
);

-- Versions to publish to Redis, written in the same transaction as the version.
CREATE TABLE rule_outbox (
    id           BIGSERIAL PRIMARY KEY,
    pipeline     TEXT        NOT NULL,
    kind         TEXT        NOT NULL,
    version      BIGINT      NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ,
    attempts     INT         NOT NULL DEFAULT 0,
    last_error   TEXT,
    UNIQUE (pipeline, kind, version),
    FOREIGN KEY (pipeline, kind, version) REFERENCES rule_set_version (pipeline, kind, version)
);

CREATE INDEX rule_outbox_pending ON rule_outbox (id) WHERE published_at IS NULL;
