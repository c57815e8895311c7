package org.zaqar.api;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Hides {@code X-HTTP-Method-Override}, which Javalin would otherwise route by: a GET carrying
 * {@code DELETE} would delete. Upstream ignores the header, so routing and policy see the method
 * of the request line, and nothing else.
 */
final class NoMethodOverride implements Filter {
    static final String HEADER = "X-HTTP-Method-Override";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        chain.doFilter(http.getHeader(HEADER) == null ? http : new Hidden(http), response);
    }

    private static final class Hidden extends HttpServletRequestWrapper {
        Hidden(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !HEADER.equalsIgnoreCase(name)).toList());
        }
    }
}
