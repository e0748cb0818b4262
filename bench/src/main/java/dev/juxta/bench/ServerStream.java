package dev.juxta.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One HTTP request to llama-server on 127.0.0.1, read line by line on the calling thread from a
 * plain socket: as light a client as curl. Java's HttpClient took about a fifth of the server's
 * speed on 2 cores (its selector thread and per-chunk handoffs compete with llama.cpp's threads).
 * {@link #close()} from another thread ends the request; the server sees the connection close
 * and cancels its task, as when curl is interrupted.
 */
final class ServerStream implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 300_000;

    private final Socket socket = new Socket();
    private volatile boolean closed;

    /**
     * Sends the request, then hands each line of the body to {@code onLine} until the server ends it
     * or {@link #close()} is called.
     *
     * @param onSent run once the request has been written
     * @return the HTTP status
     */
    int exchange(int port, String method, String path, String json, Runnable onSent, Consumer<String> onLine)
            throws IOException {
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                    + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                    + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            onSent.run();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String status = readLine(in);
            if (status == null || !status.startsWith("HTTP/1.")) {
                throw new IOException("llama-server answered " + status);
            }
            boolean chunked = false;
            for (String header = readLine(in); header != null && !header.isEmpty(); header = readLine(in)) {
                chunked |= header.toLowerCase(java.util.Locale.ROOT).replace(" ", "").equals("transfer-encoding:chunked");
            }
            readBody(chunked ? new ChunkedInput(in) : in, onLine);
            return Integer.parseInt(status.split(" ")[1]);
        } catch (IOException e) {
            if (closed) {
                return -1;
            }
            throw e;
        } finally {
            socket.close();
        }
    }

    private static void readBody(InputStream in, Consumer<String> onLine) throws IOException {
        for (String line = readLine(in); line != null; line = readLine(in)) {
            onLine.accept(line);
        }
    }

    /** A line without its CR LF, decoded as UTF-8; null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** HTTP/1.1 chunked transfer coding, undone. */
    private static final class ChunkedInput extends InputStream {
        private final InputStream in;
        private long left;
        private boolean ended;

        ChunkedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (ended) {
                return -1;
            }
            if (left == 0) {
                String size = readLine(in);
                if (size != null && size.isEmpty()) {
                    size = readLine(in); // the CR LF that ends the previous chunk
                }
                if (size == null) {
                    ended = true;
                    return -1;
                }
                int extension = size.indexOf(';');
                left = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
                if (left == 0) {
                    ended = true;
                    return -1;
                }
            }
            int b = in.read();
            if (b < 0) {
                ended = true;
                return -1;
            }
            left--;
            return b;
        }
    }
}
