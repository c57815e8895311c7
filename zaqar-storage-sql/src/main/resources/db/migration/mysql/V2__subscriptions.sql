-- Subscriptions to queues and topics. Times are epoch milliseconds; a subscription lives while
-- expires_at lies in the future. Expired rows are removed by garbage collection, or when their
-- subscriber subscribes again.
--
-- A subscriber URL may be longer than an InnoDB key allows, so uniqueness is kept on its SHA-256,
-- a column the server computes.

CREATE TABLE subscriptions (
    id                VARCHAR(64) NOT NULL PRIMARY KEY,
    project           VARCHAR(256) NOT NULL,
    source            VARCHAR(256) NOT NULL,
    subscriber        TEXT NOT NULL,
    subscriber_digest CHAR(64) AS (SHA2(subscriber, 256)) STORED,
    ttl               INTEGER NOT NULL,
    created_at        BIGINT NOT NULL,
    expires_at        BIGINT NOT NULL,
    options           MEDIUMTEXT NOT NULL,
    confirmed         INTEGER NOT NULL DEFAULT 0,
    UNIQUE INDEX subscriptions_by_subscriber (project, source, subscriber_digest),
    INDEX subscriptions_by_expiry (expires_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
