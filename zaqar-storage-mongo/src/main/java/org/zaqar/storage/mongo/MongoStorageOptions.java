package org.zaqar.storage.mongo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.mongodb.ConnectionString;
import org.zaqar.core.config.ConfigSection;
import org.zaqar.core.config.Option;
import org.zaqar.core.error.ZaqarException;

/**
 * The options of {@code [drivers:message_store:mongodb]} and {@code [drivers:management_store:mongodb]},
 * with upstream's names and defaults ({@code zaqar/conf/drivers_message_store_mongodb.py}). Only the
 * message store has {@code partitions}. Every violation is reported at once; things that are legal
 * upstream but mean nothing to the Java driver are collected in {@link #warnings()}.
 *
 * @param uri                  the connection string as handed to the Java driver
 * @param database             base database name
 * @param partitions           number of message databases ({@code <database>_messages_p0..N-1})
 * @param maxAttempts          attempts to post a message batch when markers collide
 * @param maxRetrySleep        longest backoff between post attempts (grows linearly with the attempt)
 * @param maxRetryJitter       random jitter added to each post backoff
 * @param maxReconnectAttempts attempts of an operation that failed because the server could not be reached
 * @param reconnectSleep       base sleep between those attempts (doubles each time)
 * @param sslKeyfile           PEM private key of the client certificate, or null
 * @param sslCertfile          PEM client certificate (may hold the key too), or null
 * @param sslCertReqs          how the server certificate is checked
 * @param sslCaCerts           PEM bundle of trusted CAs, or null for the JDK's trust store
 * @param warnings             legal options the Java driver cannot honour exactly, to be logged
 */
public record MongoStorageOptions(
        String uri,
        String database,
        int partitions,
        int maxAttempts,
        Duration maxRetrySleep,
        Duration maxRetryJitter,
        int maxReconnectAttempts,
        Duration reconnectSleep,
        String sslKeyfile,
        String sslCertfile,
        CertRequirement sslCertReqs,
        String sslCaCerts,
        List<String> warnings) {

    public static final String MESSAGE_STORE_SECTION = "drivers:message_store:mongodb";
    public static final String MANAGEMENT_STORE_SECTION = "drivers:management_store:mongodb";
    private static final String OLD_SECTION = "drivers:storage:mongodb";

    public static final Option<String> URI = declare(Option.string(MESSAGE_STORE_SECTION, "uri", null,
            "MongoDB connection URI (required); replica sets and mongodb+srv:// included. If an SSL connection "
                    + "is enabled, set ssl_keyfile, ssl_certfile, ssl_cert_reqs and ssl_ca_certs accordingly."))
            .secret();
    public static final Option<String> DATABASE = declare(Option.string(MESSAGE_STORE_SECTION, "database", "zaqar",
            "Database name."));
    public static final Option<Integer> PARTITIONS = declare(Option.integer(MESSAGE_STORE_SECTION, "partitions", 2,
            "Number of databases across which to partition message data. Do not change it after the initial "
                    + "deployment."));
    public static final Option<Integer> MAX_ATTEMPTS = declare(Option.integer(MESSAGE_STORE_SECTION, "max_attempts",
            1000, "Maximum number of times to retry a failed operation. Currently only used for retrying a "
                    + "message post."));
    public static final Option<Double> MAX_RETRY_SLEEP = declare(Option.floating(MESSAGE_STORE_SECTION,
            "max_retry_sleep", 0.1, "Maximum sleep interval between retries (the actual sleep time increases "
                    + "linearly with the number of attempts)."));
    public static final Option<Double> MAX_RETRY_JITTER = declare(Option.floating(MESSAGE_STORE_SECTION,
            "max_retry_jitter", 0.005, "Maximum jitter added to the sleep interval, so that parallel requests "
                    + "do not retry at the same instant."));
    public static final Option<Integer> MAX_RECONNECT_ATTEMPTS = declare(Option.integer(MESSAGE_STORE_SECTION,
            "max_reconnect_attempts", 10, "Maximum number of times to retry an operation that failed due to a "
                    + "primary node failover."));
    public static final Option<Double> RECONNECT_SLEEP = declare(Option.floating(MESSAGE_STORE_SECTION,
            "reconnect_sleep", 0.02, "Base sleep interval between attempts to reconnect after a primary node "
                    + "failover; it doubles with each attempt."));
    public static final Option<String> SSL_KEYFILE = declare(Option.string(MESSAGE_STORE_SECTION, "ssl_keyfile", null,
            "The private key file used to identify the local connection against mongod."));
    public static final Option<String> SSL_CERTFILE = declare(Option.string(MESSAGE_STORE_SECTION, "ssl_certfile",
            null, "The certificate file used to identify the local connection against mongod."));
    public static final Option<String> SSL_CERT_REQS = declare(Option.string(MESSAGE_STORE_SECTION, "ssl_cert_reqs",
            "CERT_REQUIRED", "Whether a certificate is required from the server and validated: CERT_NONE, "
                    + "CERT_OPTIONAL or CERT_REQUIRED."));
    public static final Option<String> SSL_CA_CERTS = declare(Option.string(MESSAGE_STORE_SECTION, "ssl_ca_certs",
            null, "A file of concatenated CA certificates used to validate the server's certificate."));

    /** Every option of {@link #MESSAGE_STORE_SECTION}, in the order the sample config lists them. */
    public static final List<Option<?>> MESSAGE_STORE_OPTIONS = List.of(URI, DATABASE, PARTITIONS, MAX_ATTEMPTS,
            MAX_RETRY_SLEEP, MAX_RETRY_JITTER, MAX_RECONNECT_ATTEMPTS, RECONNECT_SLEEP, SSL_KEYFILE, SSL_CERTFILE,
            SSL_CERT_REQS, SSL_CA_CERTS);
    /** Every option of {@link #MANAGEMENT_STORE_SECTION}: the message store's but {@code partitions}. */
    public static final List<Option<?>> MANAGEMENT_STORE_OPTIONS = MESSAGE_STORE_OPTIONS.stream()
            .filter(option -> option != PARTITIONS)
            .<Option<?>>map(option -> option.inSection(MANAGEMENT_STORE_SECTION)).toList();

    /** Every option is also read under its name in upstream's old {@code [drivers:storage:mongodb]}. */
    private static <T> Option<T> declare(Option<T> option) {
        return option.oldName(OLD_SECTION, option.name());
    }

    /** Upstream's {@code ssl_cert_reqs} values (Python's {@code ssl.CERT_*}). */
    public enum CertRequirement {
        /** The server certificate is not checked at all, nor its host name. */
        CERT_NONE,
        /** For a client, Python treats this exactly as CERT_REQUIRED, and so do we. */
        CERT_OPTIONAL,
        /** The server must present a certificate that a trusted CA signed. */
        CERT_REQUIRED
    }

    public MongoStorageOptions {
        warnings = List.copyOf(warnings);
    }

    /** Reads the message store's section. */
    public static MongoStorageOptions forMessageStore(ConfigSection section) {
        return from(section, true);
    }

    /** Reads the management store's section (it has no {@code partitions}). */
    public static MongoStorageOptions forManagementStore(ConfigSection section) {
        return from(section, false);
    }

    private static MongoStorageOptions from(ConfigSection section, boolean messageStore) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String where = "[" + section.name() + "] ";

        String uri = URI.from(section);
        if (uri == null || uri.isEmpty()) {
            problems.add("uri is required, e.g. mongodb://localhost:27017 or mongodb://h1,h2,h3/?replicaSet=rs0");
        } else {
            uri = normalizeScheme(uri, warnings, where);
            try {
                parse(uri);
            } catch (IllegalArgumentException e) {
                problems.add("uri '" + masked(uri) + "' is not a MongoDB connection string: " + e.getMessage());
            }
        }
        String database = DATABASE.from(section);
        if (database.isEmpty() || database.chars().anyMatch(c -> "/\\. \"$".indexOf(c) >= 0)) {
            problems.add("database = '" + database + "' must be a non-empty name without / \\ . space \" or $");
        }
        int partitions = messageStore ? PARTITIONS.from(section) : 1;
        if (partitions < 1) {
            problems.add("partitions = " + partitions + " is below the minimum of 1");
        }
        int maxAttempts = MAX_ATTEMPTS.from(section);
        if (maxAttempts < 1) {
            problems.add("max_attempts = " + maxAttempts + " leaves no attempt to post a message; use 1 or more");
        }
        Duration maxRetrySleep = seconds(section, MAX_RETRY_SLEEP, problems);
        Duration maxRetryJitter = seconds(section, MAX_RETRY_JITTER, problems);
        int maxReconnectAttempts = MAX_RECONNECT_ATTEMPTS.from(section);
        if (maxReconnectAttempts < 1) {
            problems.add("max_reconnect_attempts = " + maxReconnectAttempts + " is below the minimum of 1");
        }
        Duration reconnectSleep = seconds(section, RECONNECT_SLEEP, problems);

        String keyfile = blankToNull(SSL_KEYFILE.from(section));
        String certfile = blankToNull(SSL_CERTFILE.from(section));
        String caCerts = blankToNull(SSL_CA_CERTS.from(section));
        CertRequirement certReqs = CertRequirement.CERT_REQUIRED;
        String rawReqs = SSL_CERT_REQS.from(section);
        try {
            certReqs = CertRequirement.valueOf(rawReqs.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("ssl_cert_reqs = '" + rawReqs + "' must be one of CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED");
        }
        if (keyfile != null && certfile == null) {
            problems.add("ssl_keyfile is set but ssl_certfile is not; the key needs its certificate");
        }

        if (!problems.isEmpty()) {
            throw ZaqarException.validation("invalid " + where.strip() + " options: " + String.join("; ", problems));
        }
        boolean sslOptionsSet = keyfile != null || certfile != null || caCerts != null
                || SSL_CERT_REQS.isSet(section);
        if (sslOptionsSet && !Boolean.TRUE.equals(parse(uri).getSslEnabled())) {
            warnings.add(where + "ssl_* options are ignored: the uri does not enable TLS"
                    + " (add ssl=true or tls=true, or use mongodb+srv://), as upstream");
        }
        if (certReqs == CertRequirement.CERT_OPTIONAL) {
            warnings.add(where + "ssl_cert_reqs = CERT_OPTIONAL behaves as CERT_REQUIRED on a client"
                    + " (as in Python): the server certificate must be valid");
        }
        if (certReqs == CertRequirement.CERT_NONE) {
            warnings.add(where + "ssl_cert_reqs = CERT_NONE: the server certificate and host name are NOT"
                    + " verified; the connection can be intercepted");
        }
        return new MongoStorageOptions(uri, database, partitions, maxAttempts, maxRetrySleep, maxRetryJitter,
                maxReconnectAttempts, reconnectSleep, keyfile, certfile, certReqs, caCerts, warnings);
    }

    /**
     * Upstream rewrites any scheme to {@code mongodb://} to drop Zaqar-specific ones such as
     * {@code mongodb.fifo://}. We do the same for those, but keep {@code mongodb+srv://}, which the
     * rewrite would break, and reject schemes that are not MongoDB's at all.
     */
    private static String normalizeScheme(String uri, List<String> warnings, String where) {
        int separator = uri.indexOf("://");
        if (separator < 0) {
            return uri;
        }
        String scheme = uri.substring(0, separator).toLowerCase(Locale.ROOT);
        if (scheme.equals("mongodb") || scheme.equals("mongodb+srv") || !scheme.startsWith("mongodb")) {
            return uri;
        }
        warnings.add(where + "uri scheme '" + scheme + "://' is read as mongodb:// (as upstream does);"
                + " this driver always keeps messages in posting order");
        return "mongodb://" + uri.substring(separator + 3);
    }

    private static Duration seconds(ConfigSection section, Option<Double> option, List<String> problems) {
        double value = option.from(section);
        if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            problems.add(option.name() + " = " + value + " must be a number of seconds >= 0");
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.round(value * 1_000_000_000L));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The uri with any password replaced by {@code ***}, for logs and error messages. */
    public String maskedUri() {
        return masked(uri);
    }

    static String masked(String uri) {
        return uri.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@");
    }

    /** True when the uri turns TLS on (ssl=true, tls=true or mongodb+srv). */
    public boolean tlsEnabled() {
        return Boolean.TRUE.equals(parse(uri).getSslEnabled());
    }

    /**
     * Parses without looking up the TXT record of a mongodb+srv host: validating options must not
     * touch the network; the driver resolves SRV and TXT records when it connects.
     */
    private static ConnectionString parse(String uri) {
        return new ConnectionString(uri, (name, type) -> List.of());
    }

    @Override
    public String toString() {
        return "MongoStorageOptions[uri=" + maskedUri() + ", database=" + database + ", partitions=" + partitions
                + ", max_attempts=" + maxAttempts + ", max_retry_sleep=" + maxRetrySleep
                + ", max_retry_jitter=" + maxRetryJitter + ", max_reconnect_attempts=" + maxReconnectAttempts
                + ", reconnect_sleep=" + reconnectSleep + ", ssl_keyfile=" + sslKeyfile
                + ", ssl_certfile=" + sslCertfile + ", ssl_cert_reqs=" + sslCertReqs
                + ", ssl_ca_certs=" + sslCaCerts + "]";
    }
}
