package io.platform.etl.exporter.config;

/** A setting has a value the exporter cannot use; the message names the environment variable. */
public final class SettingsException extends RuntimeException {

    public SettingsException(String message) {
        super(message);
    }
}
