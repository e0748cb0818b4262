package dev.juxta.app.modelpicker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A downloadable model from the catalogue resource {@code known-models.tsv}.
 *
 * @param approximateSize bytes, used for the free-space check before connecting
 * @param sha256 hex digest checked after the download, or "" when not known
 */
public record KnownModel(String name, String repository, String file, long approximateSize, String licence, String sha256) {

    public static List<KnownModel> catalogue() {
        var in = Objects.requireNonNull(KnownModel.class.getResourceAsStream("known-models.tsv"), "known-models.tsv");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).map(KnownModel::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KnownModel parse(String line) {
        String[] cells = line.split("\t", -1);
        return new KnownModel(cells[0], cells[1], cells[2], Long.parseLong(cells[3]), cells[4], cells.length > 5 ? cells[5] : "");
    }

    public URI url() {
        return ModelDownloader.urlOf(repository, file);
    }

    public String sizeText() {
        return "about " + Sizes.bytes(approximateSize);
    }
}
