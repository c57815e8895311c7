package org.zaqar.core.storage;

/**
 * The control plane of one backend: what {@code [drivers] management_store} selects. Pools,
 * flavors and the catalog come with the pooling issue, as default methods that report the
 * capability as unsupported.
 */
public interface ManagementStorage extends AutoCloseable {

    boolean isAlive();

    @Override
    void close();
}
