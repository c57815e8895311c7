package org.zaqar.api;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * With Keystone, keystonemiddleware's {@code remove_auth_headers}: the identity headers a client
 * might send to pass for someone else ({@code X-Roles}, {@code X-Project-Id},
 * {@code X-Is-Admin-Project}, {@code X-Service-*}, ...) are removed from the request before
 * anything reads it, so no resource, policy check or EXTRA-SPEC handler can see them. A
 * pre-signed request keeps {@code X-Project-ID}: its signature covers it.
 */
final class IdentityHeaders implements Filter {
    /** Exactly what keystonemiddleware's {@code _all_auth_headers} yields, plus the system scope it sets. */
    static final Set<String> REMOVED = Stream.concat(
            Stream.of("X-Service-Catalog", "X-Identity-Status", "X-Service-Identity-Status", "X-Is-Admin-Project",
                    "X-Role", "X-User", "X-Tenant-Id", "X-Tenant-Name", "X-Tenant", "OpenStack-System-Scope"),
            Stream.of("", "-Service").flatMap(prefix -> Stream.of("Domain-Id", "Domain-Name", "Project-Id",
                    "Project-Name", "Project-Domain-Id", "Project-Domain-Name", "User-Id", "User-Name",
                    "User-Domain-Id", "User-Domain-Name", "Roles").map(name -> "X" + prefix + "-" + name)))
            .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    private static final String SIGNED_PROJECT = "x-project-id";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        boolean signed = Authenticator.isSigned(http.getRequestURI(), http.getHeader("URL-Signature"));
        chain.doFilter(new Stripped(http, signed), response);
    }

    private static final class Stripped extends HttpServletRequestWrapper {
        private final boolean signed;

        Stripped(HttpServletRequest request, boolean signed) {
            super(request);
            this.signed = signed;
        }

        private boolean removed(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return REMOVED.contains(lower) && !(signed && lower.equals(SIGNED_PROJECT));
        }

        @Override
        public String getHeader(String name) {
            return removed(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return removed(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(this::removed);
            return Collections.enumeration(names);
        }

        @Override
        public long getDateHeader(String name) {
            return removed(name) ? -1 : super.getDateHeader(name);
        }

        @Override
        public int getIntHeader(String name) {
            return removed(name) ? -1 : super.getIntHeader(name);
        }
    }
}
