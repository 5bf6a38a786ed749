package io.platform.etl.stageruntime.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code kafka.*} security settings (environment: {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM},
 * {@code KAFKA_SASL_USERNAME}, {@code KAFKA_SASL_PASSWORD}, {@code KAFKA_SSL_TRUSTSTORE_LOCATION},
 * {@code KAFKA_SSL_TRUSTSTORE_PASSWORD}). The protocol overrides the spec's {@code source.config.security.protocol};
 * credentials only ever come from here (the spec names a secret, whose keys the deployment maps to these variables).
 * {@code kafka.bootstrap.servers} ({@code KAFKA_BOOTSTRAP_SERVERS}) is read separately and overrides the spec's
 * brokers.
 *
 * @param securityProtocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param saslMechanism    default SCRAM-SHA-512
 */
@ConfigurationProperties("kafka")
public record KafkaSettings(@Nullable String securityProtocol, @Nullable String saslMechanism,
                            @Nullable String saslUsername, @Nullable String saslPassword,
                            @Nullable String sslTruststoreLocation, @Nullable String sslTruststorePassword) {
}
