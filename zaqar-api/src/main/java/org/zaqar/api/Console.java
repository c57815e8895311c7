package org.zaqar.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.JavalinDefaultRouting;

/**
 * The web console ({@code [console] enabled}): static files under {@code /console/}, taken from
 * this jar's {@code /console/} resources. They need no authentication, since they hold no data;
 * the console's scripts call the REST API from the browser, where every request goes through the
 * API's authentication and policy like any other client's.
 */
final class Console {
    static final String PATH = "/console";

    /**
     * Scripts, styles and data only from this origin; nothing inline, so a message body that slips
     * into the page as markup still cannot run.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** A file name at the top of the console's resources: no directories, so no way out of them. */
    private static final Pattern FILE_NAME = Pattern.compile("[a-z][a-z0-9-]*\\.(html|js|css)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    /** The files served so far; names asked for in vain are not kept, so they cannot fill memory. */
    private final Map<String, Asset> assets = new ConcurrentHashMap<>();

    private record Asset(byte[] bytes, String contentType, String entityTag) {
    }

    /** Serves {@code /console} (a redirect to {@code /console/}), {@code /console/} and its files. */
    void register(JavalinDefaultRouting router) {
        router.addHttpHandler(HandlerType.GET, PATH, this::index);
        router.addHttpHandler(HandlerType.GET, PATH + "/{file}", ctx -> serve(ctx, ctx.pathParam("file")));
    }

    /** Whether a request is for the console's files, which need no authentication. */
    static boolean isConsolePath(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    private void index(Context ctx) {
        // The page loads its scripts relative to itself, so it must be seen from inside /console/.
        if (!ctx.path().endsWith("/")) {
            ctx.status(301).header("Location", PATH + "/");
            return;
        }
        serve(ctx, "index.html");
    }

    private void serve(Context ctx, String name) {
        Asset asset = assets.get(name);
        if (asset == null && FILE_NAME.matcher(name).matches()) {
            asset = load(name);
            if (asset != null) {
                assets.put(name, asset);
            }
        }
        if (asset == null) {
            throw new ApiError(404, "Not found", "The console has no file named '" + name + "'.");
        }
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        // Names are not versioned, so browsers keep a copy but ask each time whether it changed.
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", asset.entityTag());
        if (asset.entityTag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }

    /** The named file of the console's resources, or null when there is none. */
    private static Asset load(String name) {
        try (InputStream in = Console.class.getResourceAsStream(PATH + "/" + name)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            String extension = name.substring(name.lastIndexOf('.') + 1);
            return new Asset(bytes, CONTENT_TYPES.get(extension), entityTag(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's " + name + " from the class path", e);
        }
    }

    private static String entityTag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
