package io.platform.etl.exporter.notify;

import io.micronaut.json.JsonMapper;
import io.platform.etl.exporter.config.NotifyProperties;
import io.platform.etl.exporter.metrics.ExportMetrics;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the run summary to a webhook: Slack-compatible {@code {"text": …}} or Telegram's
 * {@code sendMessage}. Delivery failures are logged and counted, never propagated: the export's outcome
 * does not depend on the chat being up.
 */
@Singleton
public class Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final NotifyProperties props;
    private final JsonMapper json;
    private final ExportMetrics metrics;
    private final HttpClient http;

    public Notifier(NotifyProperties props, JsonMapper json, ExportMetrics metrics) {
        this.props = props;
        this.json = json;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder().connectTimeout(props.timeout()).build();
    }

    /** Sends the text; returns whether the webhook accepted it. */
    public boolean send(String text) {
        if (props.webhookUrl() == null || props.webhookUrl().isBlank()) {
            return false;
        }
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            if ("telegram".equals(props.format())) {
                body.put("chat_id", props.telegramChatId());
                body.put("text", text);
                body.put("disable_web_page_preview", true);
            } else {
                body.put("text", text);
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(props.webhookUrl()))
                    .timeout(props.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return true;
            }
            LOG.warn("Notification webhook answered HTTP {}: {}", response.statusCode(), abbreviate(response.body()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Notification webhook failed: {}", e.toString());
        }
        metrics.notificationFailed();
        return false;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
