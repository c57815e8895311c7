package org.zaqar.api;

import io.javalin.http.Context;
import org.zaqar.core.model.RequestContext;

/** A route body: runs after {@link RequestGuard} accepted the request. */
@FunctionalInterface
interface Route {
    void handle(Context ctx, RequestContext request) throws Exception;
}
