package org.zaqar.api;

/**
 * A handler for the {@code EXTRA-SPEC} request header ({@code schema:rest}), found with
 * {@link java.util.ServiceLoader} under the schema it {@linkplain #name() names}, as upstream finds
 * its {@code zaqar.extraspec.tasks} with stevedore. It runs after authentication and policy, and
 * can only refuse a request (by throwing {@link IllegalArgumentException}, a 400), never admit one.
 */
public interface ExtraSpecHandler {
    /** The schema this handler serves: the part of the header before the first ':'. */
    String name();

    /** Acts on the whole header value; throws {@link IllegalArgumentException} to refuse the request. */
    void execute(String extraSpec);
}
