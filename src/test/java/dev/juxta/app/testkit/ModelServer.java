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

/**
 * A model hub on 127.0.0.1 serving one file at /{repo}/resolve/main/{file}, with Range requests.
 * {@code failNextHalfway} makes the next response stop after half the bytes, like a dropped connection.
 */
public final class ModelServer implements AutoCloseable {
    private final HttpServer server;
    private final byte[] content;
    private final String path;
    public final List<String> ranges = new CopyOnWriteArrayList<>();
    public volatile boolean failNextHalfway;

    public ModelServer(String repo, Path file) throws IOException {
        content = Files.readAllBytes(file);
        path = "/" + repo + "/resolve/main/" + file.getFileName();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
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
            out.write(content, start, length);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
