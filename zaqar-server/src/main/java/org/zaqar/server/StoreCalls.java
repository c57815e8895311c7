package org.zaqar.server;

import java.util.function.Supplier;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;

/**
 * Times each call into one store and counts its errors ({@link ServerMetrics}), and when traced
 * makes it a child span of the request span ({@link Tracing}). Shared by the store decorators.
 *
 * @param store  the label of the store: its driver name, or {@code pooling} for the pools
 * @param traced whether {@code [profiler] trace_message_store} / {@code trace_management_store} asks
 *               for spans
 */
record StoreCalls(ServerMetrics metrics, Tracing tracing, String store, boolean traced) {

    <T> T call(String operation, Supplier<T> call) {
        Span span = traced ? tracing.storeSpan(store, operation) : null;
        long start = System.nanoTime();
        try {
            return call.get();
        } catch (RuntimeException e) {
            String error = failure(e);
            if (error != null) {
                metrics.storeFailed(store, operation, error);
                if (span != null) {
                    span.setStatus(StatusCode.ERROR, error);
                }
            }
            throw e;
        } finally {
            metrics.storeCalled(store, operation, System.nanoTime() - start);
            if (span != null) {
                span.end();
            }
        }
    }

    void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    /**
     * What a failed call counts as: STORAGE_UNAVAILABLE, or the class of an unexpected exception; null
     * for the store's answers to the request (QUEUE_DOES_NOT_EXIST, MESSAGE_IS_CLAIMED...), which are
     * no store errors.
     */
    static String failure(RuntimeException e) {
        if (e instanceof ZaqarException zaqar) {
            return zaqar.code() == ErrorCode.STORAGE_UNAVAILABLE ? zaqar.code().name() : null;
        }
        return e.getClass().getSimpleName();
    }
}
