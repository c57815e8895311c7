package org.zaqar.api;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication, before routing and before any other check, as upstream's middleware stack:
 * {@code GET /} and the web console's static files (when it is served) are open; a request with a non-empty {@code URL-Signature} is authorized by its
 * signature alone (404 when it does not verify, as upstream); otherwise, with Keystone, the
 * {@code X-Auth-Token} must validate (401 when not, 503 when Keystone cannot tell). An empty
 * signature is no signature, and no other header (EXTRA-SPEC included) skips authentication.
 * With Keystone, who calls comes from the token only: {@link IdentityHeaders} has already removed
 * the identity headers a client may send. Under {@code noauth} the client's declared identity is
 * taken as upstream takes it. Either way the {@link Identity} is set here, once.
 */
final class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    private static final String UNAUTHORIZED_BODY = "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", "
            + "\"message\": \"The request you have made requires authentication.\"}}";

    private final String signedUrlKey;
    private final KeystoneTokens keystone;
    private final String wwwAuthenticate;
    private final InstantSource clock;
    private final boolean consoleServed;

    /**
     * @param keystone      null for {@code noauth}
     * @param consoleServed whether {@code /console/} serves the web console
     */
    Authenticator(String signedUrlKey, KeystoneTokens keystone, String wwwAuthenticateUri, InstantSource clock,
                  boolean consoleServed) {
        this.signedUrlKey = signedUrlKey;
        this.keystone = keystone;
        this.wwwAuthenticate = "Keystone uri=\"" + (wwwAuthenticateUri == null ? "" : wwwAuthenticateUri) + "\"";
        this.clock = clock;
        this.consoleServed = consoleServed;
    }

    void authenticate(Context ctx) {
        String path = ctx.path();
        if (path.equals("/") || consoleServed && Console.isConsolePath(path)) {
            return;
        }
        String signature = ctx.header("URL-Signature");
        if (isSigned(path, signature)) {
            ctx.attribute(Identity.ATTRIBUTE, verifySignature(ctx, signature));
            return;
        }
        if (keystone == null) {
            ctx.attribute(Identity.ATTRIBUTE, Identity.declared(ctx::header));
            return;
        }
        try {
            String token = ctx.header("X-Auth-Token");
            // keystonemiddleware's user_token: X-Storage-Token is the older name of the same header.
            ctx.attribute(Identity.ATTRIBUTE, keystone.validate(token != null ? token : ctx.header("X-Storage-Token")));
        } catch (KeystoneTokens.InvalidToken e) {
            LOG.info("Rejecting {} {}: {}", ctx.method(), path, e.getMessage());
            ctx.status(401).header("WWW-Authenticate", wwwAuthenticate);
            Json.contentType(ctx, Json.CONTENT_TYPE).result(UNAUTHORIZED_BODY);
            ctx.skipRemainingHandlers();
        } catch (KeystoneTokens.Unavailable e) {
            LOG.error("Unable to validate token: {}", e.getMessage());
            throw new ApiError(503, "Service Unavailable", "The Keystone service is temporarily unavailable.");
        }
    }

    /** Whether a request is authorized by its signature alone (and so never sees Keystone). */
    static boolean isSigned(String path, String signature) {
        return signature != null && !signature.isEmpty() && path.startsWith("/v2/");
    }

    /** Upstream's {@code verify_pre_signed_url}: method, then path, then the signature itself; 404 otherwise. */
    private Identity verifySignature(Context ctx, String signature) {
        String project = ctx.header("X-Project-ID");
        if (!signatureAllows(signedUrlKey, ctx.method().name(), ctx.path(), project, split(ctx.header("URL-Methods")),
                split(ctx.header("URL-Paths")), ctx.header("URL-Expires"), signature, clock.instant())) {
            throw new ApiError(404, "404 Not Found", null);
        }
        return Identity.ofProject(project);
    }

    /**
     * True when a pre-signed URL lets {@code method} on {@code path} through: the method is signed,
     * a signed path covers the path, and the signature over paths, methods, project and expiry holds.
     */
    static boolean signatureAllows(String key, String method, String path, String project, List<String> methods,
                                   List<String> paths, String expires, String signature, Instant now) {
        return methods.contains(method) && paths.stream().anyMatch(p -> covers(p, path))
                && SignedUrls.verify(key, paths, project, methods, expires, signature, now);
    }

    /** A signed path covers itself and what lies below it (one message of the signed messages). */
    private static boolean covers(String signedPath, String requestPath) {
        String signed = signedPath.endsWith("/") ? signedPath.substring(0, signedPath.length() - 1) : signedPath;
        return !signed.isEmpty() && (requestPath.equals(signed) || requestPath.startsWith(signed + "/"));
    }

    private static List<String> split(String header) {
        return Arrays.asList((header == null ? "" : header).split(",", -1));
    }
}
