package org.zaqar.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.zaqar.server.ConfigOption.Type;

/**
 * Every zaqar.conf option this server reads, in the order the sample config lists them. The
 * sample ({@code etc/zaqar.conf}, {@link SampleConfig}) and the unknown-option warnings
 * ({@link KnownOptions}) both come from here, so documentation and code cannot drift. Driver
 * sections are listed too; a test checks they match what each driver declares.
 */
final class OptionRegistry {
    private static final List<ConfigOption> OPTIONS = new ArrayList<>();

    static {
        String section = "DEFAULT";
        add(section, "admin_mode", Type.BOOLEAN, "false", "Activate privileged endpoints (detailed /v2/health, "
                + "pools, flavors).");
        add(section, "pooling", Type.BOOLEAN, "false", "Enable pooling across multiple storage backends. If "
                + "pooling is enabled, the storage driver configuration is used to determine where the "
                + "catalogue/control plane data is kept.");
        add(section, "unreliable", Type.BOOLEAN, "false", "Disable all reliability constraints: the mongodb "
                + "driver then accepts a standalone server or a write concern weaker than majority.");
        add(section, "enable_deprecated_api_versions", Type.LIST, "", "List of deprecated API versions to "
                + "enable (1, 1.1).");
        add(section, "enable_checksum", Type.BOOLEAN, "false", "Enable a checksum (MD5) for message bodies, "
                + "returned as \"checksum\".");
        add(section, "auth_strategy", Type.STRING, "", "Backend to use for authentication. For no auth, keep "
                + "it empty (or noauth): clients then send X-Project-ID. Existing strategies: keystone.");
        // oslo.log's options are accepted so an upstream zaqar.conf loads; logging is Logback's.
        add(section, "debug", Type.BOOLEAN, "false", "Accepted for compatibility (oslo.log); set "
                + "ZAQAR_LOG_LEVEL=DEBUG or edit logback.xml instead.");
        add(section, "verbose", Type.BOOLEAN, "true", "Accepted for compatibility (oslo.log).");
        add(section, "log_file", Type.STRING, "", "Accepted for compatibility (oslo.log); log files are "
                + "configured in logback.xml.");
        add(section, "log_dir", Type.STRING, "", "Accepted for compatibility (oslo.log).");
        add(section, "log_config_append", Type.STRING, "", "Accepted for compatibility (oslo.log); point "
                + "-Dlogback.configurationFile at a logback.xml instead.");
        add(section, "use_stderr", Type.BOOLEAN, "false", "Accepted for compatibility (oslo.log).");
        add(section, "use_syslog", Type.BOOLEAN, "false", "Accepted for compatibility (oslo.log).");
        add(section, "use_journal", Type.BOOLEAN, "false", "Accepted for compatibility (oslo.log).");
        add(section, "use_json", Type.BOOLEAN, "false", "Accepted for compatibility (oslo.log).");
        add(section, "log_date_format", Type.STRING, "%Y-%m-%d %H:%M:%S", "Accepted for compatibility "
                + "(oslo.log).");
        add(section, "logging_context_format_string", Type.STRING, "", "Accepted for compatibility (oslo.log).");
        add(section, "logging_default_format_string", Type.STRING, "", "Accepted for compatibility (oslo.log).");
        add(section, "default_log_levels", Type.LIST, "", "Accepted for compatibility (oslo.log).");
        add(section, "publish_errors", Type.BOOLEAN, "false", "Accepted for compatibility (oslo.log).");
        add(section, "watch_log_file", Type.BOOLEAN, "false", "Accepted for compatibility (oslo.log).");

        section = "drivers";
        add(section, "transport", Type.STRING, "wsgi", "Transport driver to use: wsgi (the HTTP API on "
                + "[drivers:transport:wsgi]) or websocket (the WebSocket API on [drivers:transport:websocket] "
                + "instead); run one server per transport to offer both.");
        add(section, "message_store", Type.STRING, ServerOptions.DEFAULT_STORE, "Storage driver to use as "
                + "the messaging store: sqlalchemy, redis or mongodb. Upstream defaults to mongodb; this "
                + "server defaults to sqlalchemy on a local SQLite file, so it runs with nothing installed.");
        add(section, "management_store", Type.STRING, ServerOptions.DEFAULT_STORE, "Storage driver to use "
                + "as the management store (pools, flavors, catalog).");

        section = "drivers:transport:wsgi";
        add(section, "bind", Type.HOST_ADDRESS, "127.0.0.1", "Address on which the self-hosting server will "
                + "listen; an IPv6 literal such as ::1 works too.");
        add(section, "port", Type.PORT, "8888", "Port on which the self-hosting server will listen.");

        section = "drivers:transport:websocket";
        add(section, "bind", Type.HOST_ADDRESS, "127.0.0.1", "Address on which the self-hosting server will "
                + "listen.");
        add(section, "port", Type.PORT, "9000", "Port on which the self-hosting server will listen.");
        add(section, "external_port", Type.PORT, "", "Port on which the service is provided to the user. "
                + "Accepted for compatibility; this server does not need it.");
        add(section, "notification_bind", Type.HOST_ADDRESS, "", "Address on which the notification server "
                + "will listen; unset means every interface, and subscriber URLs name this host's name.");
        add(section, "notification_port", Type.PORT, "0", "Port on which the notification server will listen; "
                + "0 picks a free port.");

        for (String store : List.of("message_store", "management_store")) {
            section = "drivers:" + store + ":sqlalchemy";
            add(section, "uri", Type.STRING, "sqlite:///data/zaqar.db", "An SQLAlchemy URL: "
                    + "sqlite:///relative/path.db, sqlite:////absolute/path.db, or "
                    + "postgresql://user:password@host:5432/zaqar (also postgresql+psycopg2://). A PostgreSQL "
                    + "schema is migrated with zaqar-sql-db-manage upgrade; the SQLite file migrates itself.",
                    true);
        }
        for (String store : List.of("message_store", "management_store")) {
            section = "drivers:" + store + ":redis";
            add(section, "uri", Type.STRING, "redis://127.0.0.1:6379", "Redis connection URI: "
                    + "redis://[:password]@host[:port][?options], redis:/path/to/redis.sock, or Sentinel: "
                    + "redis://sentinel1:26379,sentinel2:26379?master=mymaster.", true);
            add(section, "max_reconnect_attempts", Type.INTEGER, "10", "Maximum number of times to retry an "
                    + "operation that failed due to a redis node failover.");
            add(section, "reconnect_sleep", Type.FLOAT, "1.0", "Base sleep interval between attempts to "
                    + "reconnect after a redis node failover.");
            add(section, "database", Type.INTEGER, "0", "Redis database number.");
        }
        for (String store : List.of("message_store", "management_store")) {
            section = "drivers:" + store + ":mongodb";
            add(section, "uri", Type.STRING, "mongodb://127.0.0.1:27017", "MongoDB connection URI; replica "
                    + "sets and mongodb+srv:// included. If an SSL connection is enabled, set ssl_keyfile, "
                    + "ssl_certfile, ssl_cert_reqs and ssl_ca_certs accordingly.", true);
            add(section, "database", Type.STRING, "zaqar", "Database name.");
            if (store.equals("message_store")) {
                add(section, "partitions", Type.INTEGER, "2", "Number of databases across which to partition "
                        + "message data. Do not change it after the initial deployment.");
            }
            add(section, "max_attempts", Type.INTEGER, "1000", "Maximum number of times to retry a failed "
                    + "operation. Currently only used for retrying a message post.");
            add(section, "max_retry_sleep", Type.FLOAT, "0.1", "Maximum sleep interval between retries (the "
                    + "actual sleep time increases linearly with the number of attempts).");
            add(section, "max_retry_jitter", Type.FLOAT, "0.005", "Maximum jitter added to the sleep interval, "
                    + "so that parallel requests do not retry at the same instant.");
            add(section, "max_reconnect_attempts", Type.INTEGER, "10", "Maximum number of times to retry an "
                    + "operation that failed due to a primary node failover.");
            add(section, "reconnect_sleep", Type.FLOAT, "0.02", "Base sleep interval between attempts to "
                    + "reconnect after a primary node failover; it doubles with each attempt.");
            add(section, "ssl_keyfile", Type.STRING, "", "The private key file used to identify the local "
                    + "connection against mongod.");
            add(section, "ssl_certfile", Type.STRING, "", "The certificate file used to identify the local "
                    + "connection against mongod.");
            add(section, "ssl_cert_reqs", Type.STRING, "CERT_REQUIRED", "Whether a certificate is required from "
                    + "the server and validated: CERT_NONE, CERT_OPTIONAL or CERT_REQUIRED.");
            add(section, "ssl_ca_certs", Type.STRING, "", "A file of concatenated CA certificates used to "
                    + "validate the server's certificate.");
        }

        section = "drivers:message_store:swift";
        add(section, "uri", Type.STRING, "swift://demo:nomoresecrete@/demo", "Custom URI describing the swift "
                + "connection: swift://USER:PASSWORD@/PROJECT.", true);
        add(section, "auth_url", Type.STRING, "http://127.0.0.1:5000/v3/", "URI of Keystone endpoint to discover "
                + "Swift. A URL ending in /auth/v1.0 asks Swift's own v1.0 auth (tempauth) instead, with "
                + "X-Auth-User PROJECT:USER.");
        add(section, "insecure", Type.BOOLEAN, "false", "Don't check SSL certificate.");
        add(section, "project_domain_id", Type.STRING, "default", "Domain ID containing project.");
        add(section, "project_domain_name", Type.STRING, "", "Domain name containing project.");
        add(section, "user_domain_id", Type.STRING, "default", "User's domain id.");
        add(section, "user_domain_name", Type.STRING, "", "User's domain name.");
        add(section, "region_name", Type.STRING, "", "Region name.");
        add(section, "interface", Type.STRING, "publicURL", "The default interface for endpoint URL discovery.");

        section = "transport";
        add(section, "default_message_ttl", Type.INTEGER, "3600", "Defines how long a message will be "
                + "accessible (seconds).");
        add(section, "default_message_delay", Type.INTEGER, "0", "Defines the default value for queue delay "
                + "seconds; 0 means no delay.");
        add(section, "default_claim_ttl", Type.INTEGER, "300", "Defines how long a message will be in claimed "
                + "state (seconds).");
        add(section, "default_claim_grace", Type.INTEGER, "60", "Defines the message grace period in seconds.");
        add(section, "default_subscription_ttl", Type.INTEGER, "3600", "Defines how long a subscription will "
                + "be available (seconds).");
        add(section, "max_queues_per_page", Type.INTEGER, "20", "Defines the maximum number of queues per page.");
        add(section, "max_messages_per_page", Type.INTEGER, "20", "Defines the maximum number of messages per "
                + "page.");
        add(section, "max_subscriptions_per_page", Type.INTEGER, "20", "Defines the maximum number of "
                + "subscriptions per page.");
        add(section, "max_messages_per_claim_or_pop", Type.INTEGER, "20", "The maximum number of messages "
                + "that can be claimed (or popped) in a single request.");
        add(section, "max_queue_metadata", Type.INTEGER, "65536", "Defines the maximum amount of metadata in "
                + "a queue (bytes).");
        add(section, "max_messages_post_size", Type.INTEGER, "262144", "Defines the maximum size of message "
                + "posts (bytes).");
        add(section, "max_message_ttl", Type.INTEGER, "1209600", "Maximum amount of time a message will be "
                + "available (seconds; the minimum is 60).");
        add(section, "max_message_delay", Type.INTEGER, "900", "Maximum delay seconds before messages can be "
                + "claimed.");
        add(section, "max_claim_ttl", Type.INTEGER, "43200", "Maximum length of a message in claimed state "
                + "(seconds; the minimum is 60).");
        add(section, "max_claim_grace", Type.INTEGER, "43200", "Defines the maximum message grace period in "
                + "seconds (the minimum is 60).");
        add(section, "subscriber_types", Type.LIST, "http,https,mailto,trust+http,trust+https", "Defines "
                + "supported subscriber types.");
        add(section, "max_flavors_per_page", Type.INTEGER, "20", "Defines the maximum number of flavors per "
                + "page.");
        add(section, "max_pools_per_page", Type.INTEGER, "20", "Defines the maximum number of pools per page.");
        add(section, "client_id_uuid_safe", Type.STRING, "strict", "Defines the format of client id: "
                + "\"strict\" requires a UUID, \"off\" accepts any string of min..max length.");
        add(section, "min_length_client_id", Type.INTEGER, "10", "Defines the minimum length of client id if "
                + "the UUID restriction is off.");
        add(section, "max_length_client_id", Type.INTEGER, "36", "Defines the maximum length of client id if "
                + "the UUID restriction is off.");
        add(section, "message_delete_with_claim_id", Type.BOOLEAN, "false", "Require claim ids when deleting "
                + "claimed messages by ids, so messages cannot be deleted before they are claimed and handled.");
        add(section, "message_encryption_algorithms", Type.STRING, "AES256", "Defines the encryption "
                + "algorithm of messages; AES256 for now.");
        add(section, "message_encryption_key", Type.STRING, "AES256", "Defines the encryption key of the "
                + "algorithm.", true);

        add(section, "message_encryption_previous_keys", Type.LIST, "", "Our addition: former keys that "
                + "still decrypt stored messages after a rotation.", true);

        section = "storage";
        for (String resource : List.of("queue", "message", "claim", "subscription", "topic")) {
            add(section, resource + "_pipeline", Type.LIST, "", "Pipeline to use for processing " + resource
                    + " operations (accepted for compatibility; no stages are available yet).");
        }

        add("signed_url", "secret_key", Type.STRING, "", "Secret key used to sign pre-signed URLs. Never "
                + "printed or logged.", true);
        add("pooling:catalog", "enable_virtual_pool", Type.BOOLEAN, "false", "If enabled, the message_store "
                + "will be used as the storage for the virtual pool.");
        section = "notification";
        add(section, "smtp_mode", Type.STRING, "third_part", "Delivery of mailto subscriptions: third_part "
                + "pipes each email to smtp_command; self_local talks SMTP to smtp_host:smtp_port (port 465 "
                + "uses implicit TLS; other ports use STARTTLS when the server offers it).");
        add(section, "smtp_host", Type.STRING, "", "SMTP server host (self_local mode).");
        add(section, "smtp_port", Type.PORT, "", "SMTP server port (self_local mode).");
        add(section, "smtp_user_name", Type.STRING, "", "SMTP user name, when the server wants a login.");
        add(section, "smtp_user_password", Type.STRING, "", "SMTP password.", true);
        add(section, "smtp_command", Type.STRING, "/usr/sbin/sendmail -t -oi", "The command that sends an "
                + "email read from its standard input (third_part mode).");
        add(section, "max_notifier_workers", Type.INTEGER, "10", "The maximum number of deliveries to "
                + "subscribers under way at once.");
        add(section, "require_confirmation", Type.BOOLEAN, "false", "Only confirmed subscribers get "
                + "messages; confirmation requests are signed with [signed_url] secret_key.");
        add(section, "external_confirmation_url", Type.STRING, "", "The confirmation page a mailto "
                + "subscriber's email links to.");
        add(section, "subscription_confirmation_email_template", Type.STRING,
                "topic:Zaqar Notification - Subscription Confirmation,sender:Zaqar Notifications "
                        + "<no-reply@openstack.org>", "Topic, body and sender of the email asking a mailto "
                + "subscriber to confirm (keys topic, body, sender).");
        add(section, "unsubscribe_confirmation_email_template", Type.STRING,
                "topic:Zaqar Notification - Unsubscribe Confirmation,sender:Zaqar Notifications "
                        + "<no-reply@openstack.org>", "Topic, body and sender of the email confirming an "
                + "unsubscription (keys topic, body, sender).");

        section = "metrics";
        add(section, "enabled", Type.BOOLEAN, "false", "Serve Prometheus metrics at /metrics on a port of "
                + "its own: API requests by route and status, messages posted, claimed, deleted, expired and "
                + "dead-lettered, store calls and errors, notification deliveries, garbage collection, JVM "
                + "memory, GC and threads. This section is this server's own; upstream has none.");
        add(section, "bind", Type.HOST_ADDRESS, "127.0.0.1", "Address of the metrics endpoint; keep it off "
                + "public networks.");
        add(section, "port", Type.PORT, "8889", "Port of the metrics endpoint.");

        section = "oslo_reports";
        add(section, "log_dir", Type.STRING, "", "Directory where Guru Meditation reports are written, one "
                + "file each (zaqar-server_gurumeditation_TIME); empty: into the log. A report is written on "
                + "SIGUSR2 and never stops the server.");
        add(section, "file_event_handler", Type.STRING, "", "A file to watch: when its modification time "
                + "changes, a Guru Meditation report is written (instead of sending a signal).");
        add(section, "file_event_handler_interval", Type.INTEGER, "1", "How often, in seconds, to check "
                + "file_event_handler.");

        section = "profiler";
        add(section, "enabled", Type.BOOLEAN, "false", "Enable tracing (upstream's OSProfiler; here "
                + "OpenTelemetry): with trace_wsgi_transport, each API request is a span, its trace id is "
                + "in the log context (%X{trace_id}) and finished spans are logged by "
                + "org.zaqar.server.Tracing.spans.");
        add(section, "trace_wsgi_transport", Type.BOOLEAN, "false", "If False doesn't trace any transport "
                + "requests.");
        add(section, "trace_message_store", Type.BOOLEAN, "false", "If False doesn't trace any message store "
                + "requests. When True, each message store call of a traced API request is a child span.");
        add(section, "trace_management_store", Type.BOOLEAN, "false", "If False doesn't trace any management "
                + "store requests. When True, each management store call of a traced API request is a child "
                + "span.");
        add(section, "hmac_keys", Type.STRING, "SECRET_KEY", "Accepted for compatibility (OSProfiler's trace "
                + "signing keys); not used.", true);
        add(section, "connection_string", Type.STRING, "messaging://", "OSProfiler's collector. Only "
                + "osprofiler's otlp://HOST:PORT form is used: spans are then exported over OTLP/HTTP to "
                + "http://HOST:PORT/v1/traces. Other values are accepted for compatibility; spans go to the "
                + "log.");
        add(section, "otlp_endpoint", Type.STRING, "", "Export spans over OTLP/HTTP (protobuf) to this URL, "
                + "e.g. https://collector.example.com:4318/v1/traces; takes precedence over connection_string. "
                + "This option is this server's own; upstream has none.");

        section = "keystone_authtoken";
        add(section, "www_authenticate_uri", Type.STRING, "", "keystonemiddleware's option names, used when "
                + "[DEFAULT] auth_strategy = keystone. Named in the WWW-Authenticate header of a 401.");
        add(section, "auth_uri", Type.STRING, "", "Deprecated name of www_authenticate_uri.");
        add(section, "auth_url", Type.STRING, "", "Keystone endpoint the tokens are validated at (with or "
                + "without /v3).");
        add(section, "auth_type", Type.STRING, "password", "Only password authentication of the service user.");
        add(section, "username", Type.STRING, "", "The service user.");
        add(section, "password", Type.STRING, "", "The service user's password.", true);
        add(section, "project_name", Type.STRING, "", "The service user's project.");
        add(section, "user_domain_name", Type.STRING, "Default", "The service user's domain.");
        add(section, "project_domain_name", Type.STRING, "Default", "The service project's domain.");
        add(section, "token_cache_time", Type.INTEGER, "300", "Seconds a validated token is trusted without "
                + "asking Keystone again (never past its expiry).");
        add(section, "http_connect_timeout", Type.INTEGER, "10", "Seconds to wait for Keystone; when it "
                + "cannot answer, requests get 503.");
        add(section, "memcached_servers", Type.LIST, "", "Ignored with a warning: validated tokens are cached "
                + "in memory, bounded.");

        section = "trustee";
        add(section, "auth_type", Type.STRING, "", "Authentication type to load (keystoneauth's names, as "
                + "upstream): only password. The user trust+http(s) subscriptions trust, and that gets "
                + "trust-scoped tokens to notify them; empty auth_url: trust+ subscribers cannot be used.");
        add(section, "auth_url", Type.STRING, "", "Authentication URL (Keystone, with or without /v3).");
        add(section, "user_id", Type.STRING, "", "User id.");
        add(section, "username", Type.STRING, "", "Username.");
        add(section, "user_domain_id", Type.STRING, "", "User's domain id.");
        add(section, "user_domain_name", Type.STRING, "", "User's domain name.");
        add(section, "password", Type.STRING, "", "User's password.", true);
        add(section, "project_id", Type.STRING, "", "Project ID to scope to.");
        add(section, "project_name", Type.STRING, "", "Project name to scope to.");
        add(section, "project_domain_id", Type.STRING, "", "Domain ID containing project.");
        add(section, "project_domain_name", Type.STRING, "", "Domain name containing project.");
        add(section, "timeout", Type.INTEGER, "", "Timeout value for http requests (seconds; 10 when not set).");

        section = "cors";
        add(section, "allowed_origin", Type.LIST, "", "oslo.middleware's CORS options. Empty disables CORS; "
                + "\"*\" allows any origin.");
        add(section, "allow_credentials", Type.BOOLEAN, "true", "Indicate that the actual request can include "
                + "user credentials.");
        add(section, "expose_headers", Type.LIST,
                "X-Auth-Token,X-Subject-Token,X-Service-Token,X-OpenStack-Request-ID", "Headers exposed to the "
                + "browser.");
        add(section, "max_age", Type.INTEGER, "", "Maximum cache age of CORS preflight requests (seconds).");
        add(section, "allow_methods", Type.LIST, "GET,PUT,POST,DELETE,PATCH,HEAD", "Methods allowed in the "
                + "actual request.");
        add(section, "allow_headers", Type.LIST, "X-Auth-Token,X-Identity-Status,X-Roles,X-Service-Catalog,"
                + "X-User-Id,X-Tenant-Id,X-OpenStack-Request-ID,X-Trace-Info,X-Trace-HMAC,Client-id",
                "Header field names that may be used in the actual request.");

        add("oslo_policy", "policy_file", Type.STRING, "policy.yaml", "The relative or absolute path of a "
                + "file that maps roles to permissions for a given service. Relative paths must be specified "
                + "in relation to the configuration file setting this option.");
        add("oslo_policy", "enforce_scope", Type.BOOLEAN, "false", "Accepted for compatibility (oslo.policy).");
        add("oslo_policy", "enforce_new_defaults", Type.BOOLEAN, "false", "Accepted for compatibility "
                + "(oslo.policy).");
    }

    private OptionRegistry() {
    }

    private static void add(String section, String name, Type type, String defaultValue, String help) {
        add(section, name, type, defaultValue, help, false);
    }

    private static void add(String section, String name, Type type, String defaultValue, String help,
                            boolean secret) {
        OPTIONS.add(new ConfigOption(section, name, type, defaultValue, help, secret));
    }

    static List<ConfigOption> all() {
        return List.copyOf(OPTIONS);
    }

    /** Option names by section, sections in sample order. */
    static Map<String, Set<String>> namesBySection() {
        return OPTIONS.stream().collect(Collectors.groupingBy(ConfigOption::section, LinkedHashMap::new,
                Collectors.mapping(ConfigOption::name, Collectors.toCollection(java.util.LinkedHashSet::new))));
    }
}
