package org.zaqar.api;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.JavalinDefaultRouting;

/** Registers routes so that every one runs the request guard first and names what fails on a 503. */
final class Routes {
    private final JavalinDefaultRouting router;
    private final RequestGuard guard;
    private final Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
    private final Map<String, Handler> getByPath = new LinkedHashMap<>();

    Routes(JavalinDefaultRouting router, RequestGuard guard) {
        this.router = router;
        this.guard = guard;
    }

    /** @param failure upstream's description when the store fails, e.g. "Queue could not be created." */
    void add(HandlerType method, String path, String failure, Route route) {
        methodsByPath.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(method.name());
        Handler handler = ctx -> {
            ctx.attribute(ErrorMapper.FAILURE_ATTRIBUTE, failure);
            route.handle(ctx, guard.check(ctx));
        };
        if (method == HandlerType.GET) {
            getByPath.put(path, handler);
        }
        router.addHttpHandler(method, path, handler);
    }

    /**
     * Answers HEAD on every path served by GET where no route of its own does: by the GET route,
     * with its checks, status and headers (Jetty sends no body for a HEAD). Left to itself,
     * Javalin answers such a HEAD 200 without running any route.
     */
    void addHeads() {
        getByPath.forEach((path, handler) -> {
            if (!methodsByPath.get(path).contains(HandlerType.HEAD.name())) {
                router.addHttpHandler(HandlerType.HEAD, path, handler);
            }
        });
    }

    /** Answers OPTIONS on every path with the methods it serves, as falcon's default responder does. */
    void addOptions() {
        new LinkedHashMap<>(methodsByPath).forEach((path, methods) -> {
            Set<String> allowed = new LinkedHashSet<>(methods);
            allowed.add("OPTIONS");
            add(HandlerType.OPTIONS, path, "Options could not be listed.",
                    (ctx, request) -> ctx.status(200).header("Allow", String.join(", ", allowed)));
        });
    }
}
