package org.zaqar.api;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.javalin.http.HandlerType;
import io.javalin.router.JavalinDefaultRouting;

/** Registers routes so that every one runs the request guard first and names what fails on a 503. */
final class Routes {
    private final JavalinDefaultRouting router;
    private final RequestGuard guard;
    private final Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();

    Routes(JavalinDefaultRouting router, RequestGuard guard) {
        this.router = router;
        this.guard = guard;
    }

    /** @param failure upstream's description when the store fails, e.g. "Queue could not be created." */
    void add(HandlerType method, String path, String failure, Route route) {
        methodsByPath.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(method.name());
        router.addHttpHandler(method, path, ctx -> {
            ctx.attribute(ErrorMapper.FAILURE_ATTRIBUTE, failure);
            route.handle(ctx, guard.check(ctx));
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
