package org.zaqar.core.storage;

/**
 * The control plane of one backend: what {@code [drivers] management_store} selects. Pools,
 * flavors and the catalog are default methods that report the capability as unsupported, so a
 * backend without them still loads (pooling then cannot be turned on).
 */
public interface ManagementStorage extends AutoCloseable {

    default PoolStore pools() {
        throw org.zaqar.core.error.ZaqarException.unsupported("Pools on this management store");
    }

    default FlavorStore flavors() {
        throw org.zaqar.core.error.ZaqarException.unsupported("Flavors on this management store");
    }

    default CatalogStore catalog() {
        throw org.zaqar.core.error.ZaqarException.unsupported("The pool catalog on this management store");
    }

    boolean isAlive();

    @Override
    void close();
}
