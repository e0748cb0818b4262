package dev.juxta.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LlamaCppReleaseTest {

    @Test
    void theReleaseExportsRecordIsTheOneTheLockFilePins() throws Exception {
        String lock = Files.readString(Path.of("native/llama.cpp.lock"));
        Matcher release = Pattern.compile("^# llama\\.cpp release (\\S+),").matcher(lock);
        assertEquals(true, release.find(), "the lock file's first line names the release: " + lock.lines().findFirst());
        assertEquals(release.group(1), LlamaBridge.LLAMA_CPP_RELEASE);
    }
}
