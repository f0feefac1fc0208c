-- 2: what `meditron sync` last learned about each source (ISyncSourceStore): HTTP validators for conditional requests,
-- the SHA-256 of the content last handed over, and when it was checked. Shared, so a CronJob pod without a disk of its
-- own still sends conditional requests.

CREATE TABLE sync_sources (
    source         text        NOT NULL PRIMARY KEY,
    etag           text        NULL,
    last_modified  timestamptz NULL,
    sha256         text        NULL,
    checked_at     timestamptz NOT NULL
);
