-- 1: the shared state of the cluster shape: documents, their original bytes, answers by request id, API keys.

CREATE TABLE documents (
    document_id    text        NOT NULL PRIMARY KEY,
    file           text        NOT NULL,
    sha256         text        NOT NULL,
    content_ref    text        NOT NULL,
    title          text        NOT NULL,
    guideline_key  text        NOT NULL,
    edition        text        NOT NULL,
    publisher      text        NOT NULL,
    year           integer     NULL,
    language       text        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('pending', 'queued', 'processing', 'indexed', 'failed')),
    reason         text        NULL,
    pages          integer     NOT NULL DEFAULT 0,
    chunks         integer     NOT NULL DEFAULT 0,
    current        boolean     NOT NULL DEFAULT false,
    attempts       integer     NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    current_from   timestamptz NULL,
    superseded_at  timestamptz NULL,
    CHECK (NOT current OR status = 'indexed')
);

CREATE INDEX ix_documents_guideline_key ON documents (guideline_key);
-- At most one current edition per guideline, enforced by the database itself.
CREATE UNIQUE INDEX ux_documents_current ON documents (guideline_key) WHERE current;

-- Original PDFs by content reference ("sha256:HEX"), so that any node can read what another stored.
CREATE TABLE contents (
    content_ref  text        NOT NULL PRIMARY KEY,
    bytes        bytea       NOT NULL,
    size         bigint      NOT NULL,
    created_at   timestamptz NOT NULL
);

CREATE TABLE answers (
    request_id  text        NOT NULL PRIMARY KEY,
    status      text        NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
    answer      jsonb       NULL,
    reason      text        NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CHECK ((status = 'completed') = (answer IS NOT NULL)),
    CHECK ((status = 'failed') = (reason IS NOT NULL))
);

-- By the SHA-256 of their secret (never the secret); a name is unique among unrevoked keys only.
CREATE TABLE api_keys (
    key_id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text        NOT NULL,
    hash          text        NOT NULL UNIQUE,
    prefix        text        NOT NULL,
    scopes        text[]      NOT NULL,
    created_at    timestamptz NOT NULL,
    revoked_at    timestamptz NULL,
    last_used_at  timestamptz NULL
);

CREATE UNIQUE INDEX ux_api_keys_active_name ON api_keys (name) WHERE revoked_at IS NULL;
