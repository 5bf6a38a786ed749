package io.platform.etl.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.etl.platform.cli.ArgsParser;
import io.platform.etl.platform.cli.Command;
import io.platform.etl.platform.cli.Options;
import io.platform.etl.platform.cli.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgsParserTest {

    @Test
    void upDefaultsToDemoBuildAndTheDocumentedTimeout() {
        Options o = ArgsParser.parse(new String[] {"up"}, Map.of());
        assertThat(o.command()).isEqualTo(Command.UP);
        assertThat(o.demo()).isTrue();
        assertThat(o.build()).isTrue();
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(o.portOffset()).isZero();
        assertThat(o.services()).isEmpty();
        assertThat(o.home()).isEmpty();
        assertThat(o.fastAuth()).as("Keycloak unless --fast-auth").isFalse();
    }

    @Test
    void fastAuthChoosesTheStandInProvider() {
        assertThat(ArgsParser.parse(new String[] {"up", "--fast-auth"}, Map.of()).fastAuth()).isTrue();
        assertThatThrownBy(() -> ArgsParser.parse(new String[] {"up", "--fast-auth=yes"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("takes no value");
    }

    @Test
    void readsFlagsInBothSpellings() {
        Options o = ArgsParser.parse(new String[] {"up", "--no-demo", "--no-build", "--services", "stage-dedupe, rules-api",
                "--timeout=60", "--port-offset", "30000", "--home=/tmp/x", "--keep"}, Map.of());
        assertThat(o.demo()).isFalse();
        assertThat(o.build()).isFalse();
        assertThat(o.keep()).isTrue();
        assertThat(o.services()).containsExactly("stage-dedupe", "rules-api");
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.portOffset()).isEqualTo(30000);
        assertThat(o.home()).contains(Path.of("/tmp/x"));
    }

    @Test
    void environmentGivesDefaultsThatFlagsOverride() {
        Map<String, String> env = Map.of("PLATFORM_PORT_OFFSET", "100", "PLATFORM_HOME", "/tmp/h", "PLATFORM_TIMEOUT", "30");
        Options fromEnv = ArgsParser.parse(new String[] {"status"}, env);
        assertThat(fromEnv.portOffset()).isEqualTo(100);
        assertThat(fromEnv.home()).contains(Path.of("/tmp/h"));
        assertThat(fromEnv.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ArgsParser.parse(new String[] {"status", "--port-offset", "7"}, env).portOffset()).isEqualTo(7);
    }

    @Test
    void logsTokenAndExportTakeTheirArguments() {
        Options logs = ArgsParser.parse(new String[] {"logs", "infra", "-n", "20", "-f"}, Map.of());
        assertThat(logs.target()).contains("infra");
        assertThat(logs.lines()).isEqualTo(20);
        assertThat(logs.follow()).isTrue();
        assertThat(ArgsParser.parse(new String[] {"token", "writer"}, Map.of()).target()).contains("writer");
        assertThat(ArgsParser.parse(new String[] {"export", "--date", "2025-01-31"}, Map.of()).runDate())
                .contains(LocalDate.of(2025, 1, 31));
    }

    @Test
    void noArgumentsMeansHelp() {
        assertThat(ArgsParser.parse(new String[0], Map.of()).command()).isEqualTo(Command.HELP);
    }

    @Test
    void rejectsWhatItCannotActOnWithAMessageNamingIt() {
        for (var bad : List.of(
                List.of(new String[] {"start"}, "unknown command 'start'"),
                List.of(new String[] {"up", "--demo"}, "unknown option '--demo'"),
                List.of(new String[] {"up", "--timeout", "0"}, "--timeout needs a positive whole number"),
                List.of(new String[] {"up", "--timeout"}, "--timeout needs a value"),
                List.of(new String[] {"up", "--port-offset", "50000"}, "port offset must be a number from 0 to 46000"),
                List.of(new String[] {"up", "--no-demo=true"}, "--no-demo takes no value"),
                List.of(new String[] {"export", "--date", "31.01.2025"}, "--date needs YYYY-MM-DD"),
                List.of(new String[] {"logs"}, "logs needs a component"),
                List.of(new String[] {"token"}, "token needs a demo user"),
                List.of(new String[] {"topic"}, "topic needs a topic name"),
                List.of(new String[] {"token", "writer", "reader"}, "unexpected argument 'reader'"))) {
            assertThatThrownBy(() -> ArgsParser.parse((String[]) bad.get(0), Map.of()))
                    .isInstanceOf(UsageException.class).hasMessageContaining((String) bad.get(1));
        }
        assertThatThrownBy(() -> ArgsParser.parse(new String[] {"status"}, Map.of("PLATFORM_PORT_OFFSET", "x")))
                .hasMessageContaining("got 'x'");
    }

    @Test
    void watchAndItsAliasTopTakeOnce() {
        assertThat(ArgsParser.parse(new String[] {"watch"}, Map.of()).once()).isFalse();
        Options top = ArgsParser.parse(new String[] {"top", "--once"}, Map.of());
        assertThat(top.command()).isEqualTo(Command.WATCH);
        assertThat(top.once()).isTrue();
    }

    @Test
    void tailFollowsUntilInterruptedUnlessGivenACount() {
        Options endless = ArgsParser.parse(new String[] {"tail", "events.dlq"}, Map.of());
        assertThat(endless.command()).isEqualTo(Command.TAIL);
        assertThat(endless.target()).contains("events.dlq");
        assertThat(endless.lines()).isZero();
        assertThat(ArgsParser.parse(new String[] {"tail", "events.dlq", "-n", "1"}, Map.of()).lines()).isEqualTo(1);
        assertThatThrownBy(() -> ArgsParser.parse(new String[] {"tail"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("tail needs a topic");
    }

    @Test
    void demoRateDefaultsToFiftyAndIsBounded() {
        assertThat(ArgsParser.parse(new String[] {"up"}, Map.of()).rate()).isEqualTo(50);
        assertThat(ArgsParser.parse(new String[] {"up", "--rate", "200"}, Map.of()).rate()).isEqualTo(200);
        assertThat(ArgsParser.parse(new String[] {"up", "--rate=5"}, Map.of()).rate()).isEqualTo(5);
        assertThatThrownBy(() -> ArgsParser.parse(new String[] {"up", "--rate", "0"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--rate");
        assertThatThrownBy(() -> ArgsParser.parse(new String[] {"up", "--rate", "100000"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("at most");
    }
}
