package io.platform.etl.rules.api;

import java.util.Optional;

/** Versions as strong entity tags ({@code "3"}) and the {@code If-Match} precondition. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Whether {@code If-Match} is satisfied by the current version: {@code *} matches any existing version,
     * a list matches when one member matches, and anything unparsable matches nothing.
     */
    public static boolean matches(String ifMatch, long current) {
        for (String part : ifMatch.split(",")) {
            String tag = part.trim();
            if (tag.equals("*")) {
                if (current > 0) {
                    return true;
                }
                continue;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            Optional<Long> version = parse(tag);
            if (version.isPresent() && version.get() == current) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Long> parse(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
