package org.zaqar.core.contract;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.zaqar.core.storage.ManagementStorage;

/**
 * What the control-plane suites share: a fresh management store per test, and a name prefix
 * (pools are shared by every project) and project no other test uses.
 */
public abstract class ManagementContractSupport {
    protected ManagementStorage management;
    protected String prefix;
    protected String project;

    /** Opens the backend under test. */
    protected abstract ManagementStorage openManagement();

    @BeforeEach
    void openFreshManagement() {
        management = openManagement();
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        prefix = "t" + unique + "-";
        project = "p-" + unique;
    }

    @AfterEach
    void close() {
        if (management != null) {
            management.close();
        }
    }
}
