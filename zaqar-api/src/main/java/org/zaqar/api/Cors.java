package org.zaqar.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.javalin.http.Context;

/**
 * oslo.middleware's CORS, outermost as upstream installs it: a preflight ({@code OPTIONS} with an
 * {@code Origin}) is answered 200 here, before authentication; other requests from an allowed
 * origin get the CORS response headers, on errors too.
 */
final class Cors {
    private static final List<String> SIMPLE_HEADERS = List.of("Accept", "Accept-Language", "Content-Type",
            "Cache-Control", "Content-Language", "Expires", "Last-Modified", "Pragma");

    private final CorsSettings settings;
    private final Set<String> permittedHeaders;

    Cors(CorsSettings settings) {
        this.settings = settings;
        this.permittedHeaders = Stream.concat(settings.allowHeaders().stream(), SIMPLE_HEADERS.stream())
                .map(h -> h.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    void apply(Context ctx) {
        String requestOrigin = ctx.header("Origin");
        if (settings.allowedOrigins().isEmpty() || requestOrigin == null) {
            return;
        }
        String origin = settings.allowedOrigins().contains(requestOrigin) ? requestOrigin
                : settings.allowedOrigins().contains("*") ? "*" : null;
        if (ctx.method().name().equals("OPTIONS")) {
            if (origin != null) {
                preflight(ctx, origin);
            }
            ctx.status(200).result("");
            ctx.skipRemainingHandlers();
            return;
        }
        if (origin == null) {
            return;
        }
        ctx.header("Vary", "Origin");
        ctx.header("Access-Control-Allow-Origin", origin);
        if (settings.allowCredentials()) {
            ctx.header("Access-Control-Allow-Credentials", "true");
        }
        if (!settings.exposeHeaders().isEmpty()) {
            ctx.header("Access-Control-Expose-Headers", String.join(",", settings.exposeHeaders()));
        }
    }

    private void preflight(Context ctx, String origin) {
        String method = ctx.header("Access-Control-Request-Method");
        if (method == null || !settings.allowMethods().contains(method)) {
            return;
        }
        List<String> requested = new ArrayList<>();
        String headers = ctx.header("Access-Control-Request-Headers");
        if (headers != null) {
            Arrays.stream(headers.split(",")).map(String::strip).filter(h -> !h.isEmpty()).forEach(requested::add);
        }
        if (requested.stream().anyMatch(h -> !permittedHeaders.contains(h.toUpperCase(Locale.ROOT)))) {
            return;
        }
        ctx.header("Vary", "Origin");
        ctx.header("Access-Control-Allow-Origin", origin);
        if (settings.allowCredentials()) {
            ctx.header("Access-Control-Allow-Credentials", "true");
        }
        if (settings.maxAge() != null && settings.maxAge() != 0) {
            ctx.header("Access-Control-Max-Age", settings.maxAge().toString());
        }
        ctx.header("Access-Control-Allow-Methods", method);
        if (!requested.isEmpty()) {
            ctx.header("Access-Control-Allow-Headers", String.join(",", requested));
        }
    }
}
