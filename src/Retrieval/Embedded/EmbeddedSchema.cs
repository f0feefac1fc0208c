namespace Meditron.Retrieval.Embedded;

/// <summary>
/// The schema as an ordered list of migrations; <c>PRAGMA user_version</c> records how many have run.
/// Append new migrations; never edit one that has shipped.
/// </summary>
internal static class EmbeddedSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 1: documents, chunks, change counter.
        """
        CREATE TABLE documents (
            document_id    TEXT    NOT NULL PRIMARY KEY,
            file           TEXT    NOT NULL,
            sha256         TEXT    NOT NULL,
            content_ref    TEXT    NOT NULL,
            title          TEXT    NOT NULL,
            guideline_key  TEXT    NOT NULL,
            edition        TEXT    NOT NULL,
            publisher      TEXT    NOT NULL,
            year           INTEGER NULL,
            language       TEXT    NOT NULL,
            status         TEXT    NOT NULL CHECK (status IN ('pending', 'indexed', 'failed')),
            reason         TEXT    NULL,
            pages          INTEGER NOT NULL DEFAULT 0,
            chunks         INTEGER NOT NULL DEFAULT 0,
            current        INTEGER NOT NULL DEFAULT 0 CHECK (current IN (0, 1)),
            created_at     TEXT    NOT NULL,
            updated_at     TEXT    NOT NULL,
            current_from   TEXT    NULL,
            superseded_at  TEXT    NULL,
            CHECK (current = 0 OR status = 'indexed')
        ) STRICT;

        CREATE INDEX ix_documents_guideline_key ON documents (guideline_key);
        -- At most one current edition per guideline, enforced by the database itself.
        CREATE UNIQUE INDEX ux_documents_current ON documents (guideline_key) WHERE current = 1;

        CREATE TABLE chunks (
            document_id     TEXT    NOT NULL REFERENCES documents (document_id) ON DELETE CASCADE,
            chunk_no        INTEGER NOT NULL,
            text            TEXT    NOT NULL,
            page_start      INTEGER NOT NULL,
            page_end        INTEGER NOT NULL,
            page_label      TEXT    NULL,
            page_label_end  TEXT    NULL,
            section         TEXT    NOT NULL,
            language        TEXT    NOT NULL,
            ocr             INTEGER NOT NULL CHECK (ocr IN (0, 1)),
            token_count     INTEGER NOT NULL,
            vector          BLOB    NOT NULL,
            PRIMARY KEY (document_id, chunk_no)
        ) STRICT;

        -- BM25 over terms analysed in code (Lucene stemmers, stop words); rowid = chunks.rowid.
        -- Terms arrive space-separated with inner punctuation folded to '_' (see Bm25Terms).
        CREATE VIRTUAL TABLE chunk_terms USING fts5(terms, tokenize = "unicode61 remove_diacritics 0 tokenchars '_'");

        CREATE TABLE store_meta (
            name   TEXT    NOT NULL PRIMARY KEY,
            value  INTEGER NOT NULL
        ) STRICT;

        INSERT INTO store_meta (name, value) VALUES ('change_version', 0);
        """,
        // 2: queue stages and attempts. A stage refines 'pending' (the status CHECK of migration 1 cannot
        // change without rebuilding the table, which would cascade-delete the chunks).
        """
        ALTER TABLE documents ADD COLUMN stage TEXT NULL CHECK (stage IN ('queued', 'processing'));
        ALTER TABLE documents ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
        """,
        // 3: answers by request id (JSON of the cited answer), for callers that fetch them later.
        """
        CREATE TABLE answers (
            request_id  TEXT NOT NULL PRIMARY KEY,
            answer      TEXT NOT NULL,
            created_at  TEXT NOT NULL
        ) STRICT;
        """,
        // 4: API keys by the SHA-256 of their secret (never the secret); scopes as a JSON array. A name is unique
        // among unrevoked keys only, so a revoked key's name may be given to a new key.
        """
        CREATE TABLE api_keys (
            key_id        INTEGER NOT NULL PRIMARY KEY,
            name          TEXT    NOT NULL,
            hash          TEXT    NOT NULL UNIQUE,
            prefix        TEXT    NOT NULL,
            scopes        TEXT    NOT NULL,
            created_at    TEXT    NOT NULL,
            revoked_at    TEXT    NULL,
            last_used_at  TEXT    NULL
        ) STRICT;

        CREATE UNIQUE INDEX ux_api_keys_active_name ON api_keys (name) WHERE revoked_at IS NULL;
        """,
        // 5: answer status for the API's async mode (pending, completed, failed with a reason). A pending or failed
        // request has no answer, and the answer column of migration 3 is NOT NULL: the table is rebuilt (nothing
        // references it), each answer kept as completed.
        """
        CREATE TABLE answers_v5 (
            request_id  TEXT NOT NULL PRIMARY KEY,
            status      TEXT NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
            answer      TEXT NULL,
            reason      TEXT NULL,
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL,
            CHECK ((status = 'completed') = (answer IS NOT NULL)),
            CHECK ((status = 'failed') = (reason IS NOT NULL))
        ) STRICT;

        INSERT INTO answers_v5 (request_id, status, answer, reason, created_at, updated_at)
        SELECT request_id, 'completed', answer, NULL, created_at, created_at FROM answers;

        DROP TABLE answers;
        ALTER TABLE answers_v5 RENAME TO answers;
        """,
        // 6: what a chunk is: guidance, or a table of contents, an index, a reference list or a form (Chunk.Kind).
        // Chunks stored before are guidance; answers are built from guidance only.
        """
        ALTER TABLE chunks ADD COLUMN kind TEXT NOT NULL DEFAULT 'guidance'
            CHECK (kind IN ('guidance', 'contents', 'index', 'references', 'form'));
        """,
        // 7: what `meditron sync` last learned about each source (ISyncSourceStore): HTTP validators for conditional
        // requests, the SHA-256 of the content last handed over, and when it was checked.
        """
        CREATE TABLE sync_sources (
            source         TEXT NOT NULL PRIMARY KEY,
            etag           TEXT NULL,
            last_modified  TEXT NULL,
            sha256         TEXT NULL,
            checked_at     TEXT NOT NULL
        ) STRICT;
        """,
        // 8: clinicians' ratings of kept answers (IFeedbackStore): several per request, each with a JSON snapshot of the
        // cited answer as it was rated and the categories as a JSON array. No foreign key to answers: a rating outlives
        // the answer it snapshots.
        """
        CREATE TABLE feedback (
            id          TEXT    NOT NULL PRIMARY KEY,
            request_id  TEXT    NOT NULL,
            helpful     INTEGER NOT NULL CHECK (helpful IN (0, 1)),
            categories  TEXT    NOT NULL,
            comment     TEXT    NULL,
            question    TEXT    NULL,
            answer      TEXT    NOT NULL,
            engine      TEXT    NOT NULL,
            model       TEXT    NOT NULL,
            key_name    TEXT    NULL,
            created_at  TEXT    NOT NULL
        ) STRICT;

        CREATE INDEX ix_feedback_created ON feedback (created_at, id);
        CREATE INDEX ix_feedback_request ON feedback (request_id);
        """,
        // 9: each chunk's text embedded alone (EmbeddedChunk.TextVector), for an answer's evidence similarity. Chunks
        // stored before have none; answers embed those when they need them, until the document is ingested again.
        """
        ALTER TABLE chunks ADD COLUMN text_vector BLOB NULL;
        """,
    ];

    public static int LatestVersion => Migrations.Count;

}
