package org.zaqar.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sheds load early: beyond {@code max_concurrent_requests} requests under way, a request is
 * answered 503 with Retry-After before anything reads its body, authenticates it or calls a
 * store. Requests wait for the store, not for each other, so the admitted ones keep their latency,
 * the memory they hold stays bounded, and the server recovers as soon as the excess stops.
 */
final class AdmissionLimit implements Filter {
    static final String RETRY_AFTER_SECONDS = "1";
    private static final byte[] BODY = ("{\"title\": \"Service temporarily unavailable\", \"description\": "
            + "\"The server is handling as many requests as it is configured to. Please try again in a few seconds.\"}")
            .getBytes(StandardCharsets.UTF_8);

    private final Semaphore permits;

    AdmissionLimit(int maxConcurrentRequests) {
        this.permits = new Semaphore(maxConcurrentRequests);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!permits.tryAcquire()) {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(503);
            http.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            http.setContentType(Json.CONTENT_TYPE);
            http.setContentLength(BODY.length);
            http.getOutputStream().write(BODY);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}
