package io.platform.etl.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.etl.platform.state.EnvFile;
import io.platform.etl.platform.state.PidFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {

    @Test
    void writesPlainValuesBareAndQuotesTheRestForTheShell() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("RULES_DB_URL", "jdbc:postgresql://127.0.0.1:15432/rules");
        values.put("TOKEN_COMMAND", "./platform token writer");
        values.put("ODD", "it's");
        assertThat(EnvFile.format(values)).isEqualTo("""
                RULES_DB_URL=jdbc:postgresql://127.0.0.1:15432/rules
                TOKEN_COMMAND='./platform token writer'
                ODD='it'\\''s'
                """);
    }

    @Test
    void readsBackWhatItWrote(@TempDir Path dir) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("A", "x y");
        values.put("B", "it's $HOME");
        values.put("C", "");
        Path file = dir.resolve("sub/env");
        EnvFile.write(file, values);
        assertThat(EnvFile.read(file)).containsExactlyEntriesOf(values);
        assertThat(Files.exists(dir.resolve("sub/env.tmp"))).isFalse();
    }

    @Test
    void theShellReadsTheSameValues(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("env");
        EnvFile.write(file, Map.of("V", "a 'b' $c"));
        Process sh = new ProcessBuilder("bash", "-c", ". " + file + " && printf %s \"$V\"").start();
        assertThat(new String(sh.getInputStream().readAllBytes())).isEqualTo("a 'b' $c");
    }

    @Test
    void refusesKeysThatAreNotVariableNames() {
        assertThatThrownBy(() -> EnvFile.format(Map.of("stage-filter", "x"))).hasMessageContaining("stage-filter");
    }

    @Test
    void pidFileRecognisesOnlyTheProcessItRecorded(@TempDir Path dir) {
        PidFile self = PidFile.of("me", ProcessHandle.current(), 8082);
        self.write(dir.resolve("me.pid"));
        PidFile read = PidFile.read(dir.resolve("me.pid"));
        assertThat(read).isEqualTo(self);
        assertThat(read.alive()).isTrue();
        assertThat(new PidFile("me", self.pid(), self.startedMillis() + 5_000, 0).alive()).isFalse();
    }

    @Test
    void pidFilesAreListedServicesFirstInfraLast(@TempDir Path dir) {
        new PidFile("infra", 1, 0, 0).write(dir.resolve("infra.pid"));
        new PidFile("stage-filter", 2, 0, 8081).write(dir.resolve("stage-filter.pid"));
        new PidFile("rules-api", 3, 0, 8080).write(dir.resolve("rules-api.pid"));
        assertThat(PidFile.readAll(dir)).extracting(PidFile::component).containsExactly("rules-api", "stage-filter", "infra");
    }
}
