package org.zaqar.server;

import java.io.PrintStream;
import java.util.List;

import org.zaqar.core.config.ZaqarConfig;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.storage.sql.SqlSchema;
import org.zaqar.storage.sql.SqlUri;

/**
 * {@code zaqar-sql-db-manage [--config-file FILE] upgrade [head|REV] | current | history | stamp REV}:
 * upstream's alembic commands over the Flyway migrations of every store that uses the
 * sqlalchemy driver (message and management store; the same database counts once).
 */
public final class SqlDbManage {
    private static final String USAGE = """
            usage: zaqar-sql-db-manage [--config-file FILE]... COMMAND

              upgrade [head|REV]  apply the pending migrations (up to REV)
              current             print the applied revision
              history             list every revision, newest first
              stamp REV           record REV as applied without running it (unversioned schemas only)
            """;

    private SqlDbManage() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            CommandLine commandLine = CommandLine.parse(args);
            List<String> command = commandLine.arguments();
            if (command.isEmpty() || command.contains("-h") || command.contains("--help")) {
                (command.isEmpty() ? err : out).print(USAGE);
                return command.isEmpty() ? 2 : 0;
            }
            ZaqarConfig config = commandLine.load();
            List<String> uris = ConfiguredStores.sqlUris(config, ServerOptions.from(config));
            if (uris.isEmpty()) {
                err.println("zaqar-sql-db-manage: no store uses the sqlalchemy driver; nothing to do");
                return 1;
            }
            for (String uri : uris) {
                if (uris.size() > 1) {
                    out.println("# " + SqlUri.parse(uri).redacted());
                }
                execute(command, uri, out);
            }
            return 0;
        } catch (ZaqarException e) {
            err.println("zaqar-sql-db-manage: " + e.getMessage());
            return 1;
        }
    }

    private static void execute(List<String> command, String uri, PrintStream out) {
        String name = command.get(0);
        String argument = command.size() > 1 ? command.get(1) : null;
        int expected = switch (name) {
            case "current", "history" -> 1;
            case "stamp" -> 2;
            case "upgrade" -> argument == null ? 1 : 2;
            default -> throw ZaqarException.validation("unknown command '" + name + "'\n" + USAGE);
        };
        if (command.size() != expected) {
            throw ZaqarException.validation("wrong arguments for '" + name + "': " + command + "\n" + USAGE);
        }
        SqlSchema.withSchema(uri, schema -> {
            switch (name) {
                case "current" -> out.println(describe(schema.current(), schema.latest()));
                case "history" -> history(schema, out);
                case "stamp" -> {
                    schema.stamp(argument);
                    out.println("Stamped " + SqlUri.parse(uri).redacted() + " at revision " + argument);
                }
                default -> {
                    String before = schema.current();
                    int applied = schema.upgrade(argument == null ? "head" : argument);
                    out.println("Upgraded " + SqlUri.parse(uri).redacted() + " from "
                            + (before == null ? "<base>" : before) + " to " + schema.current()
                            + " (" + applied + " migration(s) applied)");
                }
            }
            return null;
        });
    }

    private static String describe(String current, String latest) {
        if (current == null) {
            return "<base> (empty schema)";
        }
        return current + (current.equals(latest) ? " (head)" : "");
    }

    /** Newest first, as alembic prints it: {@code 1 -> 2 (head), description}. */
    private static void history(SqlSchema schema, PrintStream out) {
        List<SqlSchema.Revision> revisions = schema.history();
        String latest = schema.latest();
        String current = schema.current();
        for (int i = revisions.size() - 1; i >= 0; i--) {
            SqlSchema.Revision revision = revisions.get(i);
            String parent = i == 0 ? "<base>" : revisions.get(i - 1).version();
            out.println(parent + " -> " + revision.version()
                    + (revision.version().equals(latest) ? " (head)" : "")
                    + (revision.version().equals(current) ? " (current)" : "")
                    + ", " + revision.description() + (revision.applied() ? "" : " [pending]"));
        }
    }
}
