package dev.juxta.app.modelpicker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.juxta.app.testkit.ModelServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDownloaderTest {
    static final Path MODEL = Path.of(System.getProperty("juxta.shared.dir", "../shared"), "models", "stories260K-chatml.gguf");
    private static final String REPO = "test/stories-GGUF";

    @TempDir
    Path dir;
    private ModelServer server;
    private String sha;
    private final ModelDownloader downloader = new ModelDownloader();

    @BeforeEach
    void serve() throws IOException {
        server = new ModelServer(REPO, MODEL);
        sha = ModelDownloader.sha256Of(MODEL);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI url() {
        return URI.create(server.baseUrl() + "/" + REPO + "/resolve/main/" + MODEL.getFileName());
    }

    @Test
    void downloadsAndVerifiesTheChecksum() throws IOException {
        Path target = dir.resolve("m.gguf");
        long[] last = new long[2];
        downloader.download(url(), target, sha, Files.size(MODEL), (done, total) -> {
            last[0] = done;
            last[1] = total;
        });
        assertEquals(sha, ModelDownloader.sha256Of(target));
        assertEquals(Files.size(MODEL), last[0]);
        assertEquals(Files.size(MODEL), last[1]);
        assertFalse(Files.exists(dir.resolve("m.gguf.part")));
    }

    @Test
    void resumesAnInterruptedDownloadWithARangeRequest() throws IOException {
        Path target = dir.resolve("m.gguf");
        server.failNextHalfway = true;
        IOException failure = assertThrows(IOException.class, () -> downloader.download(url(), target, sha, -1, (d, t) -> { }));
        assertTrue(failure.getMessage().contains("try again to resume"), failure.getMessage());
        long kept = Files.size(dir.resolve("m.gguf.part"));
        assertTrue(kept > 0 && kept < Files.size(MODEL), "kept " + kept);

        downloader.download(url(), target, sha, -1, (d, t) -> { });
        assertEquals(sha, ModelDownloader.sha256Of(target));
        assertEquals(List.of("", "bytes=" + kept + "-"), server.ranges);
    }

    @Test
    void aSecondDownloadOfTheSameFileWaitsUntilACancelledOneHasStoppedWriting() throws Exception {
        Path target = dir.resolve("m.gguf");
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch diskDone = new CountDownLatch(1);
        long[] kept = new long[1];
        // A slow disk: the first download's thread sits in a write that ignores interrupts.
        Thread cancelled = new Thread(() -> {
            try {
                downloader.download(url(), target, sha, -1, (done, total) -> {
                    if (done > 0 && kept[0] == 0) {
                        kept[0] = done;
                        writing.countDown();
                        awaitUninterruptibly(diskDone);
                    }
                });
            } catch (Exception expected) {
                // cancelled
            }
        });
        cancelled.start();
        assertTrue(writing.await(10, TimeUnit.SECONDS));
        cancelled.interrupt(); // Cancel, as the dialog does

        Thread again = new Thread(() -> {
            try {
                downloader.download(url(), target, sha, -1, (d, t) -> { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        again.start();
        again.join(500);
        assertEquals(List.of(""), server.ranges, "no second request while the first download still writes");

        diskDone.countDown();
        cancelled.join(10_000);
        again.join(10_000);
        assertFalse(cancelled.isAlive() || again.isAlive());
        assertEquals(List.of("", "bytes=" + kept[0] + "-"), server.ranges);
        assertEquals(sha, ModelDownloader.sha256Of(target));
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aWrongChecksumDeletesTheDownload() {
        Path target = dir.resolve("m.gguf");
        IOException failure = assertThrows(IOException.class,
                () -> downloader.download(url(), target, "00".repeat(32), -1, (d, t) -> { }));
        assertTrue(failure.getMessage().contains("SHA-256 mismatch"), failure.getMessage());
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(dir.resolve("m.gguf.part")));
    }

    @Test
    void checksFreeSpaceBeforeConnecting() {
        IOException failure = assertThrows(IOException.class,
                () -> downloader.download(url(), dir.resolve("m.gguf"), null, Long.MAX_VALUE / 2, (d, t) -> { }));
        assertTrue(failure.getMessage().startsWith("not enough disk space"), failure.getMessage());
        assertTrue(server.ranges.isEmpty());
    }

    @Test
    void aMissingFileNamesTheAddress() {
        URI missing = URI.create(server.baseUrl() + "/" + REPO + "/resolve/main/nope.gguf");
        IOException failure = assertThrows(IOException.class,
                () -> downloader.download(missing, dir.resolve("nope.gguf"), null, -1, (d, t) -> { }));
        assertEquals(missing + ": the server answered HTTP 404", failure.getMessage());
    }

    @Test
    void buildsHuggingFaceAddressesAndRejectsOddOnes() {
        assertEquals("https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/q.gguf",
                ModelDownloader.urlOf("Qwen/Qwen2.5-0.5B-Instruct-GGUF", "q.gguf").toString());
        assertThrows(IllegalArgumentException.class, () -> ModelDownloader.urlOf("no-owner", "q.gguf"));
        assertThrows(IllegalArgumentException.class, () -> ModelDownloader.urlOf("a/b", "../x.gguf"));
        assertThrows(IllegalArgumentException.class, () -> ModelDownloader.urlOf("a/b", "x.bin"));
    }

    @Test
    void theCatalogueListsSmallChatModelsWithLicenceAndSource() {
        List<KnownModel> catalogue = KnownModel.catalogue();
        assertTrue(catalogue.size() >= 4);
        catalogue.forEach(model -> {
            assertFalse(model.licence().isBlank());
            assertTrue(model.url().toString().endsWith(".gguf"));
            assertTrue(model.approximateSize() > 100_000_000, model.name());
            assertTrue(model.sha256().matches("([0-9a-f]{64})?"), model.name() + ": " + model.sha256());
        });
    }
}
