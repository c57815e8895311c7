package org.zaqar.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.storage.ManagementStorage;
import org.zaqar.core.storage.MessageEvents;
import org.zaqar.core.storage.MessageStorage;
import org.zaqar.server.UpgradeCheckTable.Code;
import org.zaqar.server.UpgradeCheckTable.Result;
import org.zaqar.storage.sql.SqlSchema;
import org.zaqar.storage.sql.SqlUri;

/**
 * {@code zaqar-status upgrade check [--json] [--config-file FILE]}: upstream's readiness checks
 * before an upgrade, in oslo.upgradecheck's table. Exit code 0 when all pass, 1 on a warning, 2 on
 * a failure, 255 when a check itself broke.
 */
public final class UpgradeCheck {
    private static final String USAGE = "usage: zaqar-status [--config-file FILE]... upgrade check [--json]\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private UpgradeCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (ZaqarException e) {
            err.println("zaqar-status: " + e.getMessage());
            return 2;
        }
        List<String> rest = new ArrayList<>(commandLine.arguments());
        boolean json = rest.remove("--json");
        if (rest.contains("-h") || rest.contains("--help")) {
            out.print(USAGE);
            return 0;
        }
        if (!rest.equals(List.of("upgrade", "check"))) {
            err.print(USAGE);
            err.println("zaqar-status: expected 'upgrade check', got " + rest);
            return 2;
        }
        try {
            List<Result> results = checks(commandLine);
            out.print(json ? json(results) : UpgradeCheckTable.render(results));
            return results.stream().mapToInt(r -> r.code().ordinal()).max().orElse(0);
        } catch (RuntimeException e) {
            out.println("Error:");
            e.printStackTrace(out);
            return 255;
        }
    }

    static List<Result> checks(CommandLine commandLine) {
        ZaqarConfig config;
        ServerOptions options;
        StorageDrivers drivers = new StorageDrivers(UpgradeCheck.class.getClassLoader());
        try {
            config = commandLine.load();
            options = ServerOptions.from(config);
        } catch (ZaqarException e) {
            return List.of(new Result("Configuration", Code.FAILURE, e.getMessage()));
        }
        List<String> unknown = KnownOptions.unknown(config, drivers);
        Result configuration = unknown.isEmpty()
                ? new Result("Configuration", Code.SUCCESS, null)
                : new Result("Configuration", Code.WARNING, String.join("; ", unknown));
        return List.of(configuration,
                storesReachable(config, options, drivers),
                sqlSchema(config, options),
                policyJson(config, commandLine.files()));
    }

    private static Result storesReachable(ZaqarConfig config, ServerOptions options, StorageDrivers drivers) {
        String name = "Storage connectivity";
        List<String> sqlUris = ConfiguredStores.sqlUris(config, options);
        try {
            // The SQL stores are only connected to: opening them would migrate an embedded file.
            for (String uri : sqlUris) {
                SqlSchema.withSchema(uri, SqlSchema::current);
            }
            if (!options.messageStore().equals("sqlalchemy")) {
                try (MessageStorage messages = ConfiguredStores.openMessages(config, options, drivers,
                        InstantSource.system(), MessageEvents.NONE)) {
                    if (!messages.isAlive()) {
                        return new Result(name, Code.FAILURE, "the " + options.messageStore()
                                + " message store does not answer");
                    }
                }
            }
            if (!options.managementStore().equals("sqlalchemy")) {
                try (ManagementStorage management = ConfiguredStores.openManagement(config, options, drivers,
                        InstantSource.system())) {
                    if (!management.isAlive()) {
                        return new Result(name, Code.FAILURE, "the " + options.managementStore()
                                + " management store does not answer");
                    }
                }
            }
        } catch (ZaqarException e) {
            return new Result(name, Code.FAILURE, e.getMessage());
        }
        return new Result(name, Code.SUCCESS, null);
    }

    private static Result sqlSchema(ZaqarConfig config, ServerOptions options) {
        String name = "SQL schema revision";
        List<String> uris = ConfiguredStores.sqlUris(config, options);
        if (uris.isEmpty()) {
            return new Result(name, Code.SUCCESS, "No store uses the sqlalchemy driver.");
        }
        Code worst = Code.SUCCESS;
        List<String> details = new ArrayList<>();
        for (String uri : uris) {
            SqlUri parsed = SqlUri.parse(uri);
            try {
                List<String> pending = SqlSchema.withSchema(uri, SqlSchema::pending);
                if (pending.isEmpty()) {
                    continue;
                }
                boolean embedded = parsed.sqliteFile() != null;
                Code code = embedded ? Code.WARNING : Code.FAILURE;
                worst = code.compareTo(worst) > 0 ? code : worst;
                details.add(parsed.redacted() + " lacks revision(s) " + pending
                        + (embedded ? "; the server migrates this embedded file when it starts"
                        : "; run 'zaqar-sql-db-manage upgrade' before starting the new servers"));
            } catch (ZaqarException e) {
                worst = Code.FAILURE;
                details.add(e.getMessage());
            }
        }
        return new Result(name, worst, details.isEmpty() ? null : String.join("; ", details));
    }

    /** oslo.upgradecheck's common check, a warning here: JSON policy files are deprecated. */
    private static Result policyJson(ZaqarConfig config, List<Path> configFiles) {
        String name = "Policy File JSON to YAML Migration";
        String policyFile = SecurityOptions.POLICY_FILE.from(config);
        Path found = ConfigFiles.find(policyFile, configFiles);
        if (found != null && isJson(found)) {
            return new Result(name, Code.WARNING, "Your policy file " + found + " is JSON-formatted which is"
                    + " deprecated. You need to switch to YAML-formatted file. Use the"
                    + " ``oslopolicy-convert-json-to-yaml`` tool to convert the existing JSON-formatted files"
                    + " to YAML in a backwards-compatible manner: https://docs.openstack.org/oslo.policy/"
                    + "latest/cli/oslopolicy-convert-json-to-yaml.html.");
        }
        return new Result(name, Code.SUCCESS, null);
    }

    private static boolean isJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file)).isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private static String json(List<Result> results) {
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Result result : results) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("check", result.check());
            check.put("result", result.code().ordinal());
            check.put("details", result.details());
            checks.add(check);
        }
        try {
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("name", UpgradeCheckTable.TITLE);
            output.put("checks", checks);
            return JSON.writeValueAsString(output) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
