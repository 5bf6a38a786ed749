package io.platform.etl.platform.commands;

/** A command could not do its job; the message says what failed and where to look. */
public final class Failure extends RuntimeException {
    public Failure(String message) {
        super(message);
    }
}
