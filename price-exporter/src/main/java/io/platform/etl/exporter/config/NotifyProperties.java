package io.platform.etl.exporter.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;

/**
 * Run notifications (success and failure).
 *
 * @param webhookUrl     where to POST; empty = no notification. For Telegram the bot API URL
 *                       {@code https://api.telegram.org/bot<TOKEN>/sendMessage}
 * @param format         {@code slack} ({"text": …}, also Mattermost/Rocket.Chat) or {@code telegram}
 * @param telegramChatId chat id for the Telegram format
 * @param timeout        request timeout
 */
@ConfigurationProperties("exporter.notify")
public record NotifyProperties(
        @Nullable String webhookUrl,
        @Pattern(regexp = "slack|telegram", message = "NOTIFY_FORMAT must be 'slack' or 'telegram'") String format,
        @Nullable String telegramChatId,
        @NotNull(message = "NOTIFY_TIMEOUT must be a duration such as 10s") Duration timeout) {
}
