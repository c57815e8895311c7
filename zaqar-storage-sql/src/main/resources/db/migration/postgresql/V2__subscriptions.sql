-- Subscriptions to queues and topics. Times are epoch milliseconds; a subscription lives while
-- expires_at lies in the future. Expired rows are removed by garbage collection, or when their
-- subscriber subscribes again.

CREATE TABLE subscriptions (
    id          TEXT COLLATE "C" PRIMARY KEY,
    project     TEXT NOT NULL,
    source      TEXT NOT NULL,
    subscriber  TEXT NOT NULL,
    ttl         INTEGER NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    options     TEXT NOT NULL,
    confirmed   INTEGER NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX subscriptions_by_subscriber ON subscriptions (project, source, subscriber);
CREATE INDEX subscriptions_by_expiry ON subscriptions (expires_at);
