-- Times are epoch milliseconds. A message is claimed while claim_expires_at lies in the future;
-- claim_id alone says nothing, since claims expire without anyone touching their messages.
--
-- MySQL/MariaDB: InnoDB for row locks; utf8mb4 whatever the server's default, and its binary
-- collation, so that names compare case-sensitively and sort in code point order, as on SQLite
-- and PostgreSQL. Indexed strings are VARCHAR within InnoDB's 3072-byte key limit (4 bytes a
-- character): project ids are at most 256 characters long, queue names 64.

CREATE TABLE queues (
    project   VARCHAR(256) NOT NULL,
    name      VARCHAR(256) NOT NULL,
    metadata  MEDIUMTEXT NOT NULL,
    -- The seq of the newest message ever posted to (or moved into) the queue.
    last_seq  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (project, name)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE messages (
    id               VARCHAR(64) NOT NULL PRIMARY KEY,
    project          VARCHAR(256) NOT NULL,
    queue            VARCHAR(256) NOT NULL,
    -- Position in the queue, from queues.last_seq: paging markers are seqs.
    seq              BIGINT NOT NULL,
    -- Bodies may exceed TEXT's 64 KiB (max_messages_post_size is 256 KiB by default).
    body             MEDIUMTEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    visible_at       BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL,
    checksum         TEXT,
    client_id        TEXT,
    claim_id         VARCHAR(64),
    claim_expires_at BIGINT NOT NULL DEFAULT 0,
    claim_count      BIGINT NOT NULL DEFAULT 0,
    UNIQUE INDEX messages_by_queue_seq (project, queue, seq),
    INDEX messages_by_claim (claim_id),
    INDEX messages_by_expiry (expires_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE claims (
    id         VARCHAR(64) NOT NULL PRIMARY KEY,
    project    VARCHAR(256) NOT NULL,
    queue      VARCHAR(256) NOT NULL,
    ttl        BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    INDEX claims_by_expiry (expires_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
