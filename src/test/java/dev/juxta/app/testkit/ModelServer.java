package dev.juxta.app.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A model hub on 127.0.0.1 serving one file at /{repo}/resolve/main/{file}, with Range requests.
 * {@code failNextHalfway} makes the next response stop after half the bytes, like a dropped connection;
 * {@link #holdNextAfter} makes it pause part-way, so a test can cancel a download in progress.
 */
public final class ModelServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "model-server");
        thread.setDaemon(true);
        return thread;
    });
    private final byte[] content;
    private final String path;
    public final List<String> ranges = new CopyOnWriteArrayList<>();
    public volatile boolean failNextHalfway;
    private volatile int holdAfter = -1;
    private volatile CountDownLatch held = new CountDownLatch(0);

    public ModelServer(String repo, Path file) throws IOException {
        content = Files.readAllBytes(file);
        path = "/" + repo + "/resolve/main/" + file.getFileName();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // Handlers on their own threads: a held response must not stop the server answering the next request.
        server.setExecutor(handlers);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next response sends {@code bytes} bytes, then waits until {@link #release()} before sending the rest. */
    public void holdNextAfter(int bytes) {
        held = new CountDownLatch(1);
        holdAfter = bytes;
    }

    public void release() {
        held.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(range == null ? "" : range);
            int start = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-.*", "$1"));
            int length = content.length - start;
            if (range != null) {
                exchange.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
            }
            exchange.sendResponseHeaders(range == null ? 200 : 206, length);
            OutputStream out = exchange.getResponseBody();
            if (failNextHalfway) {
                failNextHalfway = false;
                out.write(content, start, length / 2);
                out.flush();
                // Closing short of the declared length drops the connection, as a network failure would.
                return;
            }
            int hold = holdAfter;
            holdAfter = -1;
            if (hold >= 0 && hold < length) {
                out.write(content, start, hold);
                out.flush();
                awaitRelease();
                out.write(content, start + hold, length - hold);
                return;
            }
            out.write(content, start, length);
        }
    }

    private void awaitRelease() throws IOException {
        try {
            if (!held.await(60, TimeUnit.SECONDS)) {
                throw new IOException("held response never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("server stopped", e);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        handlers.shutdownNow();
    }
}
