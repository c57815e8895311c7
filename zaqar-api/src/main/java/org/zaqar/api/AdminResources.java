package org.zaqar.api;

import org.zaqar.core.pooling.PoolCatalog;
import org.zaqar.core.validation.Validator;

/** The pooling admin API, served in admin mode with pooling on: v2, and v1.1 and v1.0 when enabled. */
final class AdminResources {
    private AdminResources() {
    }

    static void register(Routes routes, ApiSettings settings, Validator validator, PoolCatalog pooling) {
        new PoolResource("/v2", validator, pooling).register(routes);
        new FlavorResource("/v2", validator, pooling).register(routes);
        for (LegacyVersion version : LegacyVersion.enabled(settings.deprecatedApiVersions())) {
            new PoolResource(version.prefix(), validator, pooling).register(routes);
            if (version == LegacyVersion.V1_1) {
                new FlavorResource(version.prefix(), validator, pooling).register(routes);
            }
        }
    }
}
