package org.zaqar.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Flavor;

/** Flavors: per project, upsert by name, paging by name. */
public abstract class FlavorContractTests extends ManagementContractSupport {

    @Test
    void putGetReplaceDelete() {
        management.flavors().put(new Flavor(project, "gold", Map.of("durable", true)));
        assertEquals(Map.of("durable", true), management.flavors().get(project, "gold").capabilities());
        management.flavors().put(new Flavor(project, "gold", Map.of()));
        assertEquals(Map.of(), management.flavors().get(project, "gold").capabilities());
        assertTrue(management.flavors().existsInAnyProject("gold"));
        management.flavors().delete(project, "gold");
        assertFalse(management.flavors().exists(project, "gold"));
        ZaqarException e = assertThrows(ZaqarException.class, () -> management.flavors().get(project, "gold"));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
    }

    @Test
    void flavorsBelongToTheirProject() {
        management.flavors().put(new Flavor(project, "silver", Map.of()));
        assertFalse(management.flavors().exists("other-" + project, "silver"));
        assertEquals(List.of(), management.flavors().list("other-" + project, null, 10).items());
        management.flavors().delete("other-" + project, "silver");
        assertTrue(management.flavors().exists(project, "silver"));
    }

    @Test
    void listingPagesByName() {
        for (String name : List.of("c", "a", "b")) {
            management.flavors().put(new Flavor(project, name, Map.of()));
        }
        var first = management.flavors().list(project, null, 2);
        assertEquals(List.of("a", "b"), first.items().stream().map(Flavor::name).toList());
        assertEquals(List.of("c"), management.flavors().list(project, first.nextMarker(), 2).items().stream()
                .map(Flavor::name).toList());
    }
}
