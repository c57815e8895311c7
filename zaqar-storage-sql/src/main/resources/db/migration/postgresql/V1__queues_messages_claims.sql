-- Times are epoch milliseconds. A message is claimed while claim_expires_at lies in the future;
-- claim_id alone says nothing, since claims expire without anyone touching their messages.

CREATE TABLE queues (
    project   TEXT NOT NULL,
    -- Byte order, as SQLite sorts, whatever the database locale: listings page by name.
    name      TEXT COLLATE "C" NOT NULL,
    metadata  TEXT NOT NULL,
    -- The seq of the newest message ever posted to (or moved into) the queue.
    last_seq  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (project, name)
);

CREATE TABLE messages (
    id               TEXT PRIMARY KEY,
    project          TEXT NOT NULL,
    queue            TEXT NOT NULL,
    -- Position in the queue, from queues.last_seq: paging markers are seqs.
    seq              BIGINT NOT NULL,
    body             TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    visible_at       BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL,
    checksum         TEXT,
    client_id        TEXT,
    claim_id         TEXT,
    claim_expires_at BIGINT NOT NULL DEFAULT 0,
    claim_count      BIGINT NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX messages_by_queue_seq ON messages (project, queue, seq);
CREATE INDEX messages_by_claim ON messages (claim_id);
CREATE INDEX messages_by_expiry ON messages (expires_at);

CREATE TABLE claims (
    id         TEXT PRIMARY KEY,
    project    TEXT NOT NULL,
    queue      TEXT NOT NULL,
    ttl        BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE INDEX claims_by_expiry ON claims (expires_at);
