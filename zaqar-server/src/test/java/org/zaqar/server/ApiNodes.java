package org.zaqar.server;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import org.zaqar.core.config.ZaqarConfig;

/** Several API nodes in this JVM on one store, each on a free port, closed together. */
record ApiNodes(List<ZaqarServer> servers) implements AutoCloseable {

    /** {@code count} servers on the store at {@code uri}, with {@code sections} more zaqar.conf text. */
    static ApiNodes start(int count, String uri, String sections, InstantSource clock) {
        ZaqarConfig config = ZaqarConfig.parse("[drivers:transport:wsgi]\nport = 0\n"
                + SharedStore.sections(uri) + sections);
        List<ZaqarServer> servers = new ArrayList<>();
        try {
            for (int n = 0; n < count; n++) {
                servers.add(ZaqarServer.start(config, clock));
            }
        } catch (RuntimeException e) {
            servers.forEach(ZaqarServer::close);
            throw e;
        }
        return new ApiNodes(List.copyOf(servers));
    }

    /** The API port of node {@code n}, taken round-robin: any n names a node. */
    int port(int n) {
        return servers.get(Math.floorMod(n, servers.size())).port();
    }

    ZaqarServer node(int n) {
        return servers.get(Math.floorMod(n, servers.size()));
    }

    int size() {
        return servers.size();
    }

    @Override
    public void close() {
        servers.forEach(ZaqarServer::close);
    }
}
