package org.zaqar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.zaqar.server.UpgradeCheckTable.Code;
import org.zaqar.server.UpgradeCheckTable.Result;

/** The exact text oslo.upgradecheck (prettytable, textwrap at 60) prints. */
class UpgradeCheckTableTest {
    @Test
    void rendersOsloUpgradecheckTable() {
        String details = "Your policy file is JSON-formatted which is deprecated. You need to switch to YAML.";
        assertEquals("""
                +----------------------------------------------------------------------+
                | Upgrade Check Results                                                |
                +----------------------------------------------------------------------+
                | Check: Configuration                                                 |
                | Result: Success                                                      |
                | Details: None                                                        |
                +----------------------------------------------------------------------+
                | Check: Policy File JSON to YAML Migration                            |
                | Result: Warning                                                      |
                | Details: Your policy file is JSON-formatted which is deprecated. You |
                |   need to switch to YAML.                                            |
                +----------------------------------------------------------------------+
                """, UpgradeCheckTable.render(List.of(new Result("Configuration", Code.SUCCESS, null),
                new Result("Policy File JSON to YAML Migration", Code.WARNING, details))));
    }
}
