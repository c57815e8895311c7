-- Pooling (control plane): pools, flavors and the catalog of queue placements.
-- V3, not V2: V2 is left to the subscriptions/topics tables of the notification work.

CREATE TABLE pools (
    name     TEXT PRIMARY KEY,
    weight   BIGINT NOT NULL,
    uri      TEXT NOT NULL UNIQUE,
    -- The flavor the pool serves; NULL when it serves queues without a flavor.
    flavor   TEXT,
    options  TEXT NOT NULL
);

CREATE INDEX pools_by_flavor ON pools (flavor);

CREATE TABLE flavors (
    project       TEXT NOT NULL,
    name          TEXT NOT NULL,
    capabilities  TEXT NOT NULL,
    PRIMARY KEY (project, name)
);

CREATE INDEX flavors_by_name ON flavors (name);

CREATE TABLE catalogue (
    project  TEXT NOT NULL,
    queue    TEXT NOT NULL,
    pool     TEXT NOT NULL,
    PRIMARY KEY (project, queue)
);

CREATE INDEX catalogue_by_pool ON catalogue (pool);
