-- 3: clinicians' ratings of kept answers (IFeedbackStore): several per request, each with a snapshot of the cited answer
-- as it was rated. No foreign key to answers: a rating outlives the answer it snapshots.

CREATE TABLE feedback (
    id          text        NOT NULL PRIMARY KEY,
    request_id  text        NOT NULL,
    helpful     boolean     NOT NULL,
    categories  text[]      NOT NULL,
    comment     text        NULL,
    question    text        NULL,
    answer      jsonb       NOT NULL,
    engine      text        NOT NULL,
    model       text        NOT NULL,
    key_name    text        NULL,
    created_at  timestamptz NOT NULL
);

CREATE INDEX ix_feedback_created ON feedback (created_at, id);
CREATE INDEX ix_feedback_request ON feedback (request_id);
