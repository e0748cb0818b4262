package dev.juxta.app.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.juxta.app.workspace.ComparisonSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ComparisonJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ExportedComparison sample = ExportSamples.comparison();
    private final String written = ComparisonJson.write(sample);

    @Test
    void aComparisonComesBackAsItWasWritten() {
        assertEquals(sample, ComparisonJson.read("sample.json", written));
    }

    @Test
    void theFileSaysWhatItIsAndNamesEveryFieldAsDocumented() throws Exception {
        JsonNode root = JSON.readTree(written);
        assertEquals("juxta-comparison", root.get("format").asText());
        assertEquals(1, root.get("version").asInt());
        assertEquals("2026-01-31T12:00:00.123Z", root.get("exportedAt").asText());
        assertEquals(List.of("format", "version", "exportedAt", "appVersion", "comparison", "panes"), names(root));
        JsonNode pane = root.get("panes").get(0);
        assertEquals(List.of("name", "settings", "model", "runtime", "turns"), names(pane));
        assertEquals(List.of("systemPrompt", "temperature", "topP", "topK", "minP", "repeatPenalty", "maxTokens", "seed",
                "ignoreEndOfText", "alternatives"), names(pane.get("settings")));
        assertEquals(List.of("fileName", "path", "sizeBytes", "sha256", "quantization", "name", "architecture",
                "chatTemplate", "llamaCppVersion"), names(pane.get("model")));
        assertEquals(List.of("threads", "contextLength", "reproducible"), names(pane.get("runtime")));
        JsonNode turn = pane.get("turns").get(0);
        assertEquals(List.of("prompt", "answer", "seed", "figures"), names(turn));
        assertEquals(List.of("promptTokens", "tokens", "timeToFirstTokenMillis", "tokensPerSecond", "stopReason"),
                names(turn.get("figures")));
        assertEquals("tïny 🦙.gguf", pane.get("model").get("fileName").asText());
        assertTrue(pane.get("turns").get(2).get("figures").isNull());
        assertTrue(root.get("panes").get(1).get("model").isNull());
    }

    @Test
    void importIsANewComparisonWithTheExportedPanes() {
        ComparisonSnapshot snapshot = ComparisonJson.read("sample.json", written).toSnapshot("new-id", Instant.EPOCH);
        assertEquals("new-id", snapshot.id());
        assertEquals(sample.panes().get(0).pane(), snapshot.panes().get(0));
        assertEquals(ExportSamples.MODEL, snapshot.panes().get(0).model().file());
    }

    @Test
    void aHandEditedFileImportsWithItsEdits() throws Exception {
        String edited = edit(root -> {
            ObjectNode pane = (ObjectNode) root.get("panes").get(0);
            ((ObjectNode) pane.get("settings")).put("temperature", 0.25);
            ((ArrayNode) pane.get("turns")).remove(1);
            pane.put("colour", "teal"); // unknown fields are ignored
            root.put("comment", "edited by hand");
        });
        var pane = ComparisonJson.read("edited.json", edited).panes().get(0).pane();
        assertEquals(0.25, pane.options().temperature());
        assertEquals(List.of("Once upon a time 🚀\nsecond line | pipe", "Still streaming"),
                pane.turns().stream().map(t -> t.prompt()).toList());
    }

    @Test
    void aTruncatedFileIsRefusedWithItsLineAndColumn() {
        String message = refused(written.substring(0, written.length() / 2));
        assertTrue(message.startsWith("broken.json: "), message);
        assertTrue(message.matches("(?s).*line \\d+, column \\d+.*"), message);
        assertTrue(message.contains("end-of-input"), message);
    }

    @Test
    void textThatIsNoJsonIsRefused() {
        assertTrue(refused("# Juxta comparison\nthis is the Markdown export").contains("line 1, column 1"));
        assertTrue(refused("").contains("no JSON object"), refused(""));
        assertTrue(refused("[1, 2]").contains("no JSON object"));
    }

    @Test
    void anotherFormatIsRefused() throws Exception {
        String message = refused(edit(root -> root.put("format", "chat-log")));
        assertTrue(message.contains("not a Juxta comparison") && message.contains("\"chat-log\""), message);
        assertTrue(refused(edit(root -> root.remove("format"))).contains("\"format\" is missing"));
    }

    @Test
    void aNewerVersionIsRefusedWithWhatToDo() throws Exception {
        String message = refused(edit(root -> root.put("version", 2)));
        assertTrue(message.contains("newer Juxta") && message.contains("version 2") && message.contains("Update Juxta"), message);
        assertTrue(refused(edit(root -> root.put("version", "1"))).contains("\"version\" must be a whole number"));
    }

    @Test
    void aMissingFieldIsNamedWithItsPlace() throws Exception {
        String message = refused(edit(root -> ((ObjectNode) root.get("panes").get(0).get("settings")).remove("temperature")));
        assertTrue(message.contains("panes[0].settings") && message.contains("Missing field 'temperature'"), message);
        assertTrue(message.matches("(?s).*line \\d+, column \\d+.*"), message);
        String prompt = refused(edit(root -> ((ObjectNode) root.get("panes").get(0).get("turns").get(1)).putNull("prompt")));
        assertTrue(prompt.contains("panes[0].turns[1].prompt"), prompt);
    }

    @Test
    void aBadValueIsNamedWithItsPlaceAndTheAllowedRange() throws Exception {
        String message = refused(edit(root -> ((ObjectNode) root.get("panes").get(0).get("settings")).put("temperature", 9)));
        assertTrue(message.contains("panes[0].settings") && message.contains("temperature must be <= 5"), message);
        String text = refused(edit(root -> ((ObjectNode) root.get("panes").get(0).get("settings")).put("temperature", "hot")));
        assertTrue(text.contains("panes[0].settings.temperature"), text);
        String tokens = refused(edit(root -> ((ObjectNode) root.get("panes").get(0).get("settings")).put("maxTokens", 12.5)));
        assertTrue(tokens.contains("panes[0].settings.maxTokens"), tokens);
        String reason = refused(edit(root -> ((ObjectNode) root.get("panes").get(0).get("turns").get(0).get("figures"))
                .put("stopReason", "BORED")));
        assertTrue(reason.contains("panes[0].turns[0].figures.stopReason") && reason.contains("BORED"), reason);
    }

    @Test
    void aModelWithoutItsRuntimeOrNoPanesAreRefused() throws Exception {
        String message = refused(edit(root -> ((ObjectNode) root.get("panes").get(0)).putNull("runtime")));
        assertTrue(message.contains("panes[0]") && message.contains("model and runtime go together"), message);
        assertTrue(refused(edit(root -> root.putArray("panes"))).contains("at least one pane"));
        String time = refused(edit(root -> root.put("exportedAt", "yesterday")));
        assertTrue(time.contains("exportedAt") && time.contains("yesterday"), time);
    }

    @Test
    void aPaneWithoutAChatTemplateReadsAsNull() throws Exception {
        String edited = edit(root -> ((ObjectNode) root.get("panes").get(0).get("model")).putNull("chatTemplate"));
        assertNull(ComparisonJson.read("edited.json", edited).panes().get(0).card().chatTemplate());
    }

    private String refused(String text) {
        return assertThrows(ImportException.class, () -> ComparisonJson.read("broken.json", text)).getMessage();
    }

    private String edit(Consumer<ObjectNode> change) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(written);
        change.accept(root);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
