package dev.juxta.app.modelpicker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Downloads one model file into a {@code .part} file beside the target, resuming an interrupted
 * download with an HTTP Range request, checking free disk space first and the SHA-256 when known.
 * Blocking; cancel by interrupting the thread (the partial file stays, for the next resume).
 */
public final class ModelDownloader {
    /** Base of the model hub; tests point it at a local server. */
    public static final String BASE_URL_PROPERTY = "juxta.download.base";
    public static final String DEFAULT_BASE_URL = "https://huggingface.co";
    private static final int BUFFER = 64 * 1024;
    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    /** Progress callback: bytes on disk so far and the total (-1 while unknown). */
    public interface Progress {
        void update(long done, long total);
    }

    private final HttpClient client;

    public ModelDownloader() {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build());
    }

    ModelDownloader(HttpClient client) {
        this.client = client;
    }

    /** The address of {@code file} in the Hugging Face repository {@code repo}. */
    public static URI urlOf(String repo, String file) {
        String base = System.getProperty(BASE_URL_PROPERTY, DEFAULT_BASE_URL).replaceAll("/+$", "");
        if (!repo.matches("[\\w.-]+/[\\w.-]+")) {
            throw new IllegalArgumentException("repository must look like owner/name, was '" + repo + "'");
        }
        if (file.isBlank() || file.contains("..") || !file.endsWith(".gguf")) {
            throw new IllegalArgumentException("file must be a .gguf path in the repository, was '" + file + "'");
        }
        return URI.create(base + "/" + repo + "/resolve/main/" + file);
    }

    /**
     * Downloads {@code url} to {@code target} (which must not exist yet).
     *
     * @param sha256 expected hex digest, or null when unknown
     * @param expectedSize bytes if known (checked against free space before connecting), else -1
     * @throws IOException naming the address or file and the reason; the .part file stays for a resume
     */
    public Path download(URI url, Path target, String sha256, long expectedSize, Progress progress) throws IOException {
        // A cancelled download's thread can still be blocked in a read, and would append to the
        // .part file after a new download of the same file has resumed it: one at a time per file.
        ReentrantLock lock = LOCKS.computeIfAbsent(target.toAbsolutePath().normalize(), file -> new ReentrantLock());
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("download cancelled");
        }
        try {
            return downloadLocked(url, target, sha256, expectedSize, progress);
        } finally {
            lock.unlock();
        }
    }

    private Path downloadLocked(URI url, Path target, String sha256, long expectedSize, Progress progress) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (expectedSize > 0) {
            requireSpace(target, expectedSize - have);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5)).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = send(request.build());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 416 && have > 0) {
                progress.update(have, have);
            } else if (status == 200 || status == 206) {
                boolean resumed = status == 206;
                long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                long total = length < 0 ? -1 : (resumed ? have : 0) + length;
                if (length > 0) {
                    requireSpace(target, length);
                }
                try {
                    copy(body, part, resumed ? have : 0, total, progress);
                } catch (IOException e) {
                    throw new IOException(target.getFileName() + ": " + e.getMessage(), e);
                }
            } else {
                throw new IOException(url + ": the server answered HTTP " + status);
            }
        }
        verify(part, sha256);
        return moveIntoPlace(part, target);
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("download cancelled");
        } catch (IOException e) {
            // The client's own exceptions often have no message (a refused connection is a bare ConnectException).
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException(request.uri() + ": cannot reach the server (" + reason + "); check the connection and try again", e);
        }
    }

    private static void copy(InputStream body, Path part, long start, long total, Progress progress) throws IOException {
        StandardOpenOption mode = start > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            byte[] buffer = new byte[BUFFER];
            long done = start;
            progress.update(done, total);
            for (int n; (n = body.read(buffer)) >= 0; ) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("download cancelled; " + done + " bytes kept in " + part.getFileName());
                }
                out.write(buffer, 0, n);
                done += n;
                progress.update(done, total);
            }
            if (total >= 0 && done < total) {
                throw new IOException("download interrupted after " + done + " of " + total + " bytes; try again to resume");
            }
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("download cancelled; the partial file is kept for a resume");
            }
            if (e.getMessage() != null && e.getMessage().startsWith("download interrupted")) {
                throw e;
            }
            throw new IOException("download interrupted (" + e.getMessage() + "); try again to resume", e);
        }
    }

    private static void requireSpace(Path target, long needed) throws IOException {
        long usable = Files.getFileStore(target.toAbsolutePath().getParent()).getUsableSpace();
        if (needed > usable) {
            throw new IOException("not enough disk space in " + target.getParent() + ": need "
                    + Sizes.bytes(needed) + ", " + Sizes.bytes(usable) + " free");
        }
    }

    private static void verify(Path part, String sha256) throws IOException {
        if (sha256 == null || sha256.isBlank()) {
            return;
        }
        String actual = sha256Of(part);
        if (!actual.equalsIgnoreCase(sha256.strip())) {
            Files.deleteIfExists(part);
            throw new IOException(part.getFileName() + ": SHA-256 mismatch, expected " + sha256 + " but got " + actual
                    + "; the download was deleted");
        }
    }

    static String sha256Of(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static Path moveIntoPlace(Path part, Path target) throws IOException {
        try {
            return Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            return Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
