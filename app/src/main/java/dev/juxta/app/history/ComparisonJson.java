package dev.juxta.app.history;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.juxta.app.chat.ModelRef;
import dev.juxta.app.chat.PaneSnapshot;
import dev.juxta.app.chat.TurnSnapshot;
import dev.juxta.llama.SessionOptions;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JSON export of a comparison, for machines: {@code format: "juxta-comparison"}, {@code version: 1}.
 * Reading is strict, because the file may have been damaged or edited by hand: every field must be
 * there (null where the format allows it), values are checked as the app checks them, and a problem
 * is one {@link ImportException} naming the field and its line and column. Unknown fields are
 * ignored, so that a later version 1 may add some.
 */
public final class ComparisonJson {
    public static final String FORMAT = "juxta-comparison";
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Text and lists are never null; the few fields that may be say so with @JsonSetter.
            .withConfigOverride(String.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL)))
            .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL)))
            .build();

    // The file's shape. Settings (SessionOptions) and turns (TurnSnapshot, AnswerFigures) are written
    // as their records are: ComparisonJsonTest pins their field names, so a rename cannot slip through.
    record Document(String format, int version, String exportedAt, String appVersion, Comparison comparison,
                    List<Pane> panes) {
        Document {
            if (comparison == null) {
                throw new IllegalArgumentException("comparison must not be null");
            }
            if (panes.isEmpty()) {
                throw new IllegalArgumentException("panes is empty: a comparison has at least one pane");
            }
        }
    }

    record Comparison(String id, String title) {
    }

    record Pane(String name, SessionOptions settings, Model model, EngineRuntime runtime, List<TurnSnapshot> turns) {
        Pane {
            if ((model == null) != (runtime == null)) {
                throw new IllegalArgumentException("model and runtime go together: both null (no model) or both given");
            }
        }
    }

    record Model(String fileName, String path, long sizeBytes, String sha256, String quantization, String name,
                 String architecture, @JsonSetter(nulls = Nulls.SET) String chatTemplate, String llamaCppVersion) {
        Model {
            try {
                Path.of(path);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("path is not a file path: " + e.getMessage());
            }
        }
    }

    record EngineRuntime(int threads, int contextLength, boolean reproducible) {
    }

    private ComparisonJson() {
    }

    public static String write(ExportedComparison comparison) {
        Document document = new Document(FORMAT, VERSION, comparison.exportedAt().toString(), comparison.appVersion(),
                new Comparison(comparison.id(), comparison.title()), comparison.panes().stream().map(ComparisonJson::pane).toList());
        try {
            return MAPPER.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the export's records always serialize", e);
        }
    }

    private static Pane pane(ExportedPane exported) {
        PaneSnapshot pane = exported.pane();
        ReproducibilityCard card = exported.card();
        Model model = card == null ? null : new Model(card.fileName(), card.file().toString(), card.sizeBytes(),
                card.sha256(), card.quantization(), card.modelName(), card.architecture(), card.chatTemplate(),
                card.llamaCppVersion());
        EngineRuntime runtime = card == null ? null : new EngineRuntime(card.threads(), card.contextLength(), card.reproducible());
        return new Pane(pane.name(), pane.options(), model, runtime, pane.turns());
    }

    /**
     * Reads an export. {@code source} names the file in messages.
     *
     * @throws ImportException naming the source, the field, its line and column, and the problem
     */
    public static ExportedComparison read(String source, String text) {
        try {
            checkHeader(source, MAPPER.readTree(text));
            return comparison(source, MAPPER.readValue(text, Document.class));
        } catch (JsonProcessingException e) {
            throw new ImportException(source + ": " + describe(e), e);
        }
    }

    private static void checkHeader(String source, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new ImportException(source + ": not a Juxta comparison: the file holds no JSON object");
        }
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.asText())) {
            throw new ImportException(source + ": not a Juxta comparison: \"format\" is "
                    + (format == null ? "missing" : format) + ", expected \"" + FORMAT + "\"");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber() || version.asLong() < 1) {
            throw new ImportException(source + ": \"version\" must be a whole number from 1, is " + version);
        }
        if (version.asLong() > VERSION) {
            throw new ImportException(source + ": written by a newer Juxta (format version " + version
                    + "); this one reads version " + VERSION + ". Update Juxta to import it.");
        }
    }

    private static ExportedComparison comparison(String source, Document document) {
        Instant exportedAt;
        try {
            exportedAt = Instant.parse(document.exportedAt());
        } catch (DateTimeParseException e) {
            throw new ImportException(source + ": exportedAt: not an instant such as 2026-01-31T12:00:00Z: "
                    + document.exportedAt(), e);
        }
        return new ExportedComparison(document.comparison().id(), document.comparison().title(), exportedAt,
                document.appVersion(), document.panes().stream().map(ComparisonJson::exported).toList());
    }

    private static ExportedPane exported(Pane pane) {
        Model model = pane.model();
        if (model == null) {
            return new ExportedPane(new PaneSnapshot(pane.name(), null, pane.settings(), pane.turns()), null);
        }
        Path file = Path.of(model.path());
        EngineRuntime runtime = pane.runtime();
        ReproducibilityCard card = new ReproducibilityCard(file, model.sizeBytes(), model.sha256(), model.quantization(),
                model.name(), model.architecture(), model.chatTemplate(), model.llamaCppVersion(), runtime.threads(),
                runtime.contextLength(), runtime.reproducible());
        ModelRef ref = new ModelRef(file, model.name(), model.quantization(), model.sizeBytes());
        return new ExportedPane(new PaneSnapshot(pane.name(), ref, pane.settings(), pane.turns()), card);
    }

    /** E.g. "line 23, column 5: panes[0].settings: temperature must be <= 5.0, was 9.0". */
    private static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
        String field = e instanceof JsonMappingException mapping ? path(mapping.getPath()) : "";
        String reason = e instanceof ValueInstantiationException && e.getCause() != null
                ? e.getCause().getMessage() : e.getOriginalMessage();
        return where + (field.isEmpty() ? "" : field + ": ") + plain(reason);
    }

    /** Jackson's reason without its advice to programmers (features, coercion configs, class names). */
    private static String plain(String reason) {
        return reason.replace("Missing creator property", "Missing field")
                .replaceAll(" \\(but (might|could) if coercion[^)]*\\)", "")
                .replaceAll("; `DeserializationFeature\\.\\w+` enabled", "")
                .replaceAll(" \\(index \\d+\\)", "")
                .replaceAll(" \\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)]\\)",
                        " (it opened at line $1, column $2)")
                .replaceAll("`(?:[\\w$]+\\.)*([\\w$]+)`", "$1");
    }

    private static String path(List<JsonMappingException.Reference> references) {
        return references.stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }
}
