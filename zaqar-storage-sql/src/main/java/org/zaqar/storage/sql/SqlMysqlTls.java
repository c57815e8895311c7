package org.zaqar.storage.sql;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * TLS settings of a MySQL URI (and its option file) as MariaDB Connector/J properties, with the
 * Python drivers' meaning:
 * <ul>
 * <li>{@code ssl_ca=FILE} verifies the server's certificate against that CA and, as PyMySQL does,
 *     its host name unless {@code ssl_check_hostname=false}; {@code ssl_verify_cert=false} verifies
 *     nothing;</li>
 * <li>{@code ssl=true} (or an option file's {@code ssl}), or a client certificate without a CA,
 *     encrypts without verifying;</li>
 * <li>{@code ssl_mode} (mysqlclient's DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY)
 *     overrides the above; PREFERRED counts as REQUIRED, since the driver cannot fall back;</li>
 * <li>{@code ssl_cert} and {@code ssl_key} (PEM files) identify the client, see
 *     {@link SqlMysqlClientKeyStore}.</li>
 * </ul>
 * Without any of these the connection is not encrypted.
 */
final class SqlMysqlTls {
    private SqlMysqlTls() {
    }

    static Map<String, String> properties(String uri, Map<String, String> query, Map<String, String> file) {
        String ca = setting(query, file, "ssl_ca");
        String cert = setting(query, file, "ssl_cert");
        String key = setting(query, file, "ssl_key");
        String mode = query.get("ssl_mode");
        boolean requested = isTrue(query.get("ssl")) || isTrue(file.get("ssl")) || ca != null || cert != null;
        if (mode == null && !requested) {
            return Map.of();
        }
        String sslMode = mode != null ? fromMysqlclient(uri, mode)
                : ca == null || isFalse(setting(query, file, "ssl_verify_cert")) ? "trust"
                : isFalse(setting(query, file, "ssl_check_hostname")) ? "verify-ca" : "verify-full";
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("sslMode", sslMode);
        if (sslMode.equals("disable")) {
            return properties;
        }
        if (ca != null) {
            properties.put("serverSslCert", ca);
        }
        if (cert != null || key != null) {
            if (cert == null || key == null) {
                throw SqlUri.invalid(uri, "ssl_cert and ssl_key go together; only " + (cert == null ? "ssl_key" : "ssl_cert")
                        + " is set");
            }
            properties.putAll(SqlMysqlClientKeyStore.create(cert, key));
        }
        return properties;
    }

    /** The query parameter, else the option file's (where it is spelled with dashes). */
    private static String setting(Map<String, String> query, Map<String, String> file, String name) {
        String value = query.get(name);
        return value != null ? value : file.get(name.replace('_', '-'));
    }

    private static String fromMysqlclient(String uri, String mode) {
        return switch (mode.toUpperCase(Locale.ROOT)) {
            case "DISABLED" -> "disable";
            case "PREFERRED", "REQUIRED" -> "trust";
            case "VERIFY_CA" -> "verify-ca";
            case "VERIFY_IDENTITY" -> "verify-full";
            default -> throw SqlUri.invalid(uri, "ssl_mode '" + mode
                    + "' is not one of DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY");
        };
    }

    private static boolean isTrue(String value) {
        return value != null && Map.of("1", true, "true", true, "yes", true, "on", true, "required", true)
                .getOrDefault(value.toLowerCase(Locale.ROOT), false);
    }

    private static boolean isFalse(String value) {
        return value != null && (value.equals("0") || value.equalsIgnoreCase("false") || value.equalsIgnoreCase("no")
                || value.equalsIgnoreCase("off"));
    }
}
