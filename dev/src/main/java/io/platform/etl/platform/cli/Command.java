package io.platform.etl.platform.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The sub-commands of {@code ./platform}. */
public enum Command {
    UP, DOWN, STATUS, LOGS, TOKEN, EXPORT, TOPIC, WATCH, TAIL, HELP;

    public static Optional<Command> of(String word) {
        String upper = word.equals("top") ? "WATCH" : word.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.name().equals(upper)).findFirst();
    }
}
