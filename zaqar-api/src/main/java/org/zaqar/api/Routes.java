package org.zaqar.api;

import io.javalin.http.HandlerType;
import io.javalin.router.JavalinDefaultRouting;

/** Registers routes so that every one runs the request guard first and names what fails on a 503. */
final class Routes {
    private final JavalinDefaultRouting router;
    private final RequestGuard guard;

    Routes(JavalinDefaultRouting router, RequestGuard guard) {
        this.router = router;
        this.guard = guard;
    }

    /** @param failure upstream's description when the store fails, e.g. "Queue could not be created." */
    void add(HandlerType method, String path, String failure, Route route) {
        router.addHttpHandler(method, path, ctx -> {
            ctx.attribute(ErrorMapper.FAILURE_ATTRIBUTE, failure);
            route.handle(ctx, guard.check(ctx));
        });
    }
}
