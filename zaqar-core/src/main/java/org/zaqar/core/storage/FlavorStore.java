package org.zaqar.core.storage;

import org.zaqar.core.model.Flavor;
import org.zaqar.core.model.Page;

/** Each project's flavors (control plane). */
public interface FlavorStore {

    /** Creates the flavor, or replaces the one of the same project and name. */
    void put(Flavor flavor);

    /** @throws org.zaqar.core.error.ZaqarException NOT_FOUND when the project has no such flavor */
    Flavor get(String project, String name);

    boolean exists(String project, String name);

    /** True when some project has a flavor of this name (a pool naming it is then in use). */
    boolean existsInAnyProject(String name);

    /** The project's flavors sorted by name, after {@code marker} when given; next marker is the last name. */
    Page<Flavor> list(String project, String marker, int limit);

    /** Deletes the flavor; deleting a missing flavor does nothing. */
    void delete(String project, String name);
}
