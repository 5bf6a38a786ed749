package io.platform.etl.exporter;

import static io.platform.etl.exporter.ExporterFixture.manifestKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.platform.etl.exporter.run.ExportScheduler;
import io.platform.etl.testkit.TestInfra;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The once mode through its real entry point: exit codes, error lines, notifications, Pushgateway. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnceModeIT {

    ExporterFixture fx;
    FakeHttpReceiver http;

    @BeforeAll
    void setUp() throws Exception {
        fx = ExporterFixture.withGoldenCatalog(this);
        http = new FakeHttpReceiver();
    }

    @AfterAll
    void tearDown() {
        http.close();
        fx.close();
    }

    @Test
    void exitsZeroNotifiesSlackAndPushesMetricsOnSuccess() throws Exception {
        String prefix = TestInfra.uniqueName("ok");
        int exit = Application.runOnce(new String[] {"--once"}, fx.props(prefix,
                "exporter.notify.webhook-url", http.url("/slack-ok"),
                "exporter.metrics.pushgateway-url", http.url("/gw-ok")), System.err);

        assertThat(exit).isZero();
        assertThat(fx.exists(manifestKey(prefix))).isTrue();
        FakeHttpReceiver.Request slack = http.requests("/slack-ok").getFirst();
        Map<?, ?> body = JsonMapper.createDefault().readValue(slack.body(), Map.class);
        assertThat(body.keySet()).map(Object::toString).containsExactly("text");
        assertThat((String) body.get("text")).contains("2025-03-10 succeeded", "2 clients", "4 files", "8 rows");
        FakeHttpReceiver.Request push = http.requests("/gw-ok/metrics/job/price-exporter").getFirst();
        assertThat(push.method()).isEqualTo("PUT");
        assertThat(push.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(push.body()).contains("export_files_total 4.0", "export_rows_total 8.0",
                "export_duration_seconds_count{status=\"succeeded\"} 1", "export_failed_total 0.0");
        assertThat(push.body()).doesNotContain("jvm_");
    }

    @Test
    void sendsTelegramMessageAndExitsNonZeroWhenTheExportFails() throws Exception {
        String prefix = TestInfra.uniqueName("fail");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Application.runOnce(new String[0], fx.props(prefix,
                "exporter.fail-after-clients", "1",
                "exporter.notify.webhook-url", http.url("/bot123:abc/sendMessage"),
                "exporter.notify.format", "telegram",
                "exporter.notify.telegram-chat-id", "-100200300",
                "exporter.metrics.pushgateway-url", http.url("/gw-fail")), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(ExitCode.EXPORT_FAILED.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("failed", "EXPORT_FAIL_AFTER_CLIENTS");
        Map<?, ?> body = JsonMapper.createDefault().readValue(
                http.requests("/bot123:abc/sendMessage").getFirst().body(), Map.class);
        assertThat(body.get("chat_id")).isEqualTo("-100200300");
        assertThat((String) body.get("text")).contains("FAILED", "Clients done: 1/2");
        assertThat(http.requests("/gw-fail/metrics/job/price-exporter").getFirst().body())
                .contains("export_failed_total 1.0", "export_duration_seconds_count{status=\"failed\"} 1");
    }

    @Test
    void webhookFailureIsCountedButDoesNotFailTheExport() throws Exception {
        String prefix = TestInfra.uniqueName("hookdown");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        int exit = Application.runOnce(new String[0], fx.props(prefix,
                "exporter.notify.webhook-url", "http://127.0.0.1:" + closedPort + "/hook",
                "exporter.metrics.pushgateway-url", http.url("/gw-hook")), System.err);

        assertThat(exit).isZero();
        assertThat(fx.exists(manifestKey(prefix))).isTrue();
        assertThat(http.requests("/gw-hook/metrics/job/price-exporter").getFirst().body())
                .contains("export_notify_failed_total 1.0");
    }

    @Test
    void webhookAnsweringAnErrorStatusIsCountedToo() throws Exception {
        http.answer(500);
        try {
            int exit = Application.runOnce(new String[0], fx.props(TestInfra.uniqueName("hook500"),
                    "exporter.notify.webhook-url", http.url("/slack-500"),
                    "exporter.metrics.pushgateway-url", http.url("/gw-500")), System.err);
            assertThat(exit).isZero();
        } finally {
            http.answer(200);
        }
        assertThat(http.requests("/slack-500")).hasSize(1);
    }

    @Test
    void unreachablePostgresExitsNonZeroNamingTheDatabase() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Map<String, Object> props = new HashMap<>(fx.props(TestInfra.uniqueName("nodb")));
        props.put("datasources.default.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/prices");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Application.runOnce(new String[0], props, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(ExitCode.EXPORT_FAILED.code());
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("PostgreSQL", "127.0.0.1:" + closedPort, "DB_HOST", "refused");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "OUTPUT_FORMATS | csv,pdf    | OUTPUT_FORMATS",
        "OUTPUT_FORMATS | ''         | OUTPUT_FORMATS",
        "RUN_DATE       | 2025-02-30 | RUN_DATE",
        "RUN_DATE       | tomorrow   | RUN_DATE",
        "STORAGE_BUCKET | ''         | STORAGE_BUCKET",
        "EXPORT_ZONE    | Mars/Base  | EXPORT_ZONE",
        "EXPORT_LOCK_WAIT | soon     | EXPORT_LOCK_WAIT",
        "CSV_DELIMITER  | §          | CSV_DELIMITER",
        "CSV_DELIMITER  | ;;         | CSV_DELIMITER",
    })
    void badEnvironmentValueExitsWithMessageNamingTheVariable(String variable, String value, String named)
            throws Exception {
        Map<String, Object> props = fx.props("unused");
        props.remove(propertyOf(variable));
        props.put(variable, value);
        // The database is unreachable too: settings are checked first, so the message is about the setting.
        try (ServerSocket s = new ServerSocket(0)) {
            props.put("datasources.default.url", "jdbc:postgresql://127.0.0.1:" + s.getLocalPort() + "/prices");
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Application.runOnce(new String[0], props, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(ExitCode.BAD_SETTINGS.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Invalid settings: ").contains(named)
                .doesNotContain("PostgreSQL");
    }

    @Test
    void onceModeStartsNoScheduler() {
        try (ApplicationContext context = fx.start(fx.props("unused"))) {
            assertThat(context.containsBean(ExportScheduler.class)).isFalse();
        }
    }

    private static String propertyOf(String variable) {
        return switch (variable) {
            case "OUTPUT_FORMATS" -> "exporter.output-formats";
            case "RUN_DATE" -> "exporter.run-date";
            case "STORAGE_BUCKET" -> "exporter.storage.bucket";
            case "EXPORT_ZONE" -> "exporter.zone";
            case "EXPORT_LOCK_WAIT" -> "exporter.lock-wait";
            case "CSV_DELIMITER" -> "exporter.csv.delimiter";
            default -> throw new IllegalArgumentException(variable);
        };
    }
}
