package org.zaqar.api;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.zaqar.core.model.RequestContext;

/**
 * A test EXTRA-SPEC handler, registered in META-INF/services: for "record:..." it keeps who asked
 * and the identity headers it was shown, so tests can check what a handler can see.
 */
public final class RecordingExtraSpecHandler implements ExtraSpecHandler {
    /** What the last call saw. */
    record Seen(RequestContext request, Map<String, String> headers) {
    }

    static volatile Seen last;

    @Override
    public String name() {
        return "record";
    }

    @Override
    public void execute(String extraSpec, RequestContext request, UnaryOperator<String> headers) {
        Map<String, String> shown = new TreeMap<>();
        for (String name : IdentityHeaders.REMOVED) {
            String value = headers.apply(name);
            if (value != null) {
                shown.put(name, value);
            }
        }
        last = new Seen(request, shown);
    }
}
