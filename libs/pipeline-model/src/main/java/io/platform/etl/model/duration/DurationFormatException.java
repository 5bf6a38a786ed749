package io.platform.etl.model.duration;

/** A text that is not a duration; the message quotes it and shows the accepted forms. */
public final class DurationFormatException extends IllegalArgumentException {

    private final String input;

    public DurationFormatException(String input) {
        super("not a duration (\"" + input + "\"): expected a whole number and a unit ms, s, m, h or d,"
                + " e.g. \"500ms\", \"30s\", \"5m\", \"2h\", \"1d\"");
        this.input = input;
    }

    /** The rejected text. */
    public String input() {
        return input;
    }
}
