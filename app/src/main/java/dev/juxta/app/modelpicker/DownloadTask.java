package dev.juxta.app.modelpicker;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.concurrent.Task;

/** Downloads one model file with progress; cancelling interrupts it and keeps the partial file for a resume. */
final class DownloadTask extends Task<Path> {
    private final ModelDownloader downloader;
    private final URI url;
    private final Path target;
    private final String sha256;
    private final long expectedSize;

    DownloadTask(ModelDownloader downloader, URI url, Path target, String sha256, long expectedSize) {
        this.downloader = downloader;
        this.url = url;
        this.target = target;
        this.sha256 = sha256;
        this.expectedSize = expectedSize;
        updateMessage("Downloading " + target.getFileName() + "…");
    }

    @Override
    protected Path call() throws Exception {
        if (Files.exists(target)) {
            return target;
        }
        return downloader.download(url, target, sha256, expectedSize, (done, total) -> {
            updateProgress(done, total < 0 ? -1 : total);
            updateMessage("Downloading " + target.getFileName() + ": " + Sizes.bytes(done)
                    + (total < 0 ? "" : " of " + Sizes.bytes(total)));
        });
    }
}
