-- Pooling (control plane): pools, flavors and the catalog of queue placements.

CREATE TABLE pools (
    name     VARCHAR(256) NOT NULL PRIMARY KEY,
    weight   BIGINT NOT NULL,
    uri      VARCHAR(700) NOT NULL,
    -- The flavor the pool serves; NULL when it serves queues without a flavor.
    flavor   VARCHAR(256),
    options  MEDIUMTEXT NOT NULL,
    UNIQUE INDEX pools_by_uri (uri),
    INDEX pools_by_flavor (flavor)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE flavors (
    project       VARCHAR(256) NOT NULL,
    name          VARCHAR(256) NOT NULL,
    capabilities  MEDIUMTEXT NOT NULL,
    PRIMARY KEY (project, name),
    INDEX flavors_by_name (name)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE catalogue (
    project  VARCHAR(256) NOT NULL,
    queue    VARCHAR(256) NOT NULL,
    pool     VARCHAR(256) NOT NULL,
    PRIMARY KEY (project, queue),
    INDEX catalogue_by_pool (pool)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
