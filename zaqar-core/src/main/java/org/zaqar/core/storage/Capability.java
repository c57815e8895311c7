package org.zaqar.core.storage;

/**
 * Upstream's storage capabilities ({@code zaqar.storage.base.Capabilities}), in its order: a
 * flavor lists those of its pools' backend.
 */
public enum Capability {
    FIFO,
    CLAIMS,
    DURABILITY,
    /** At-least-once delivery. */
    AOD,
    HIGH_THROUGHPUT
}
