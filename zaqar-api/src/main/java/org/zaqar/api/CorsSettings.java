package org.zaqar.api;

import java.util.List;

/**
 * The {@code [cors]} section, with oslo.middleware's option names and Zaqar's defaults.
 *
 * @param allowedOrigins   {@code allowed_origin}; empty disables CORS; "*" allows any origin
 * @param allowCredentials {@code allow_credentials}
 * @param exposeHeaders    {@code expose_headers}
 * @param maxAge           {@code max_age} in seconds, null for none
 * @param allowMethods     {@code allow_methods}
 * @param allowHeaders     {@code allow_headers}
 */
public record CorsSettings(List<String> allowedOrigins, boolean allowCredentials, List<String> exposeHeaders,
                           Integer maxAge, List<String> allowMethods, List<String> allowHeaders) {

    public static final List<String> DEFAULT_EXPOSE_HEADERS = List.of("X-Auth-Token", "X-Subject-Token",
            "X-Service-Token", "X-OpenStack-Request-ID");
    public static final List<String> DEFAULT_ALLOW_METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD");
    public static final List<String> DEFAULT_ALLOW_HEADERS = List.of("X-Auth-Token", "X-Identity-Status", "X-Roles",
            "X-Service-Catalog", "X-User-Id", "X-Tenant-Id", "X-OpenStack-Request-ID", "X-Trace-Info",
            "X-Trace-HMAC", "Client-id");

    public CorsSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        exposeHeaders = List.copyOf(exposeHeaders);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
    }

    public static CorsSettings disabled() {
        return new CorsSettings(List.of(), true, DEFAULT_EXPOSE_HEADERS, null, DEFAULT_ALLOW_METHODS,
                DEFAULT_ALLOW_HEADERS);
    }
}
