package org.zaqar.api;

import java.util.function.UnaryOperator;

import org.zaqar.core.model.RequestContext;

/**
 * A handler for the {@code EXTRA-SPEC} request header ({@code schema:rest}), found with
 * {@link java.util.ServiceLoader} under the schema it {@linkplain #name() names}, as upstream finds
 * its {@code zaqar.extraspec.tasks} with stevedore. It runs after authentication and policy, and
 * can only refuse a request (by throwing {@link IllegalArgumentException}, a 400), never admit one.
 * Implement one of the two {@code execute} methods.
 */
public interface ExtraSpecHandler {
    /** The schema this handler serves: the part of the header before the first ':'. */
    String name();

    /** Acts on the whole header value, as upstream's {@code execute(extra_spec)}; does nothing by default. */
    default void execute(String extraSpec) {
    }

    /**
     * Acts on the whole header value knowing who asks.
     *
     * @param request who asks, as authenticated (under Keystone: from the token alone)
     * @param headers the request's headers by name, case-insensitive, null when absent; under
     *                Keystone the identity headers a client may send are not among them
     */
    default void execute(String extraSpec, RequestContext request, UnaryOperator<String> headers) {
        execute(extraSpec);
    }
}
