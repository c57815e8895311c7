package org.zaqar.storage.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Connects Jedis to a unix domain socket ({@code redis:/path/to/redis.sock}). Jedis reads and
 * writes a {@link Socket}, which the JDK offers for TCP only, so this adapts a JDK unix-domain
 * {@link SocketChannel} (Java 16+) to the few Socket methods Jedis calls; reads and writes wait
 * on a selector, so the socket timeout and an interrupt end a wait as they do over TCP.
 */
final class RedisUnixSocketFactory implements JedisSocketFactory {
    private final UnixDomainSocketAddress address;
    private final int socketTimeoutMillis;

    RedisUnixSocketFactory(String path, int socketTimeoutMillis) {
        this.address = UnixDomainSocketAddress.of(path);
        this.socketTimeoutMillis = socketTimeoutMillis;
    }

    @Override
    public Socket createSocket() {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(address);
            channel.configureBlocking(false);
            return new ChannelSocket(channel, address, socketTimeoutMillis);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the connect failure is what matters
                }
            }
            throw new JedisConnectionException("cannot connect to unix socket " + address.getPath() + ": " + e, e);
        }
    }

    /** The Socket view of a non-blocking unix-domain channel. */
    private static final class ChannelSocket extends Socket {
        private final SocketChannel channel;
        private final SocketAddress address;
        private final Selector selector;
        private final SelectionKey key;
        private volatile int timeoutMillis;
        private volatile boolean closed;

        ChannelSocket(SocketChannel channel, SocketAddress address, int timeoutMillis) throws IOException {
            this.channel = channel;
            this.address = address;
            this.timeoutMillis = timeoutMillis;
            this.selector = Selector.open();
            this.key = channel.register(selector, 0);
        }

        /**
         * Waits until the channel is ready for {@code operation} or the timeout (0: none) passes.
         * An interrupt closes the socket, as it does for java.net.Socket on a virtual thread.
         */
        private synchronized void await(int operation) throws IOException {
            key.interestOps(operation);
            selector.selectedKeys().clear();
            int timeout = timeoutMillis;
            int ready = timeout > 0 ? selector.select(timeout) : selector.select();
            if (ready > 0 || closed) {
                return;
            }
            if (Thread.currentThread().isInterrupted()) {
                close();
                throw new ClosedByInterruptException();
            }
            if (timeout > 0) {
                throw new SocketTimeoutException((operation == SelectionKey.OP_READ ? "Read" : "Write")
                        + " timed out after " + timeout + " ms");
            }
        }

        @Override
        public InputStream getInputStream() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] bytes, int offset, int length) throws IOException {
                    if (length == 0) {
                        return 0;
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                    while (true) {
                        int n = channel.read(buffer);
                        if (n != 0) {
                            return n;
                        }
                        await(SelectionKey.OP_READ);
                    }
                }
            };
        }

        @Override
        public OutputStream getOutputStream() {
            return new OutputStream() {
                @Override
                public void write(int value) throws IOException {
                    write(new byte[] {(byte) value}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                    while (buffer.hasRemaining()) {
                        if (channel.write(buffer) == 0) {
                            await(SelectionKey.OP_WRITE);
                        }
                    }
                }
            };
        }

        @Override
        public void setSoTimeout(int timeout) {
            this.timeoutMillis = timeout;
        }

        @Override
        public int getSoTimeout() {
            return timeoutMillis;
        }

        @Override
        public boolean isConnected() {
            return channel.isConnected();
        }

        @Override
        public boolean isBound() {
            return true;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public boolean isInputShutdown() {
            return false;
        }

        @Override
        public boolean isOutputShutdown() {
            return false;
        }

        @Override
        public SocketAddress getRemoteSocketAddress() {
            return address;
        }

        @Override
        public SocketAddress getLocalSocketAddress() {
            return null;
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                selector.close();
            } finally {
                channel.close();
                super.close();
            }
        }

        @Override
        public String toString() {
            return "unix socket " + address;
        }
    }
}
