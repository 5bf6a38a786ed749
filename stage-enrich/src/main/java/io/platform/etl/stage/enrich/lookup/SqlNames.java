package io.platform.etl.stage.enrich.lookup;

import java.util.regex.Pattern;

/** SQL identifiers taken from rules (table = source name, key and selected columns): plain names only. */
final class SqlNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private SqlNames() {
    }

    static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static String quote(String name) {
        if (!valid(name)) {
            throw new IllegalArgumentException("not a plain SQL identifier: \"" + name + "\"");
        }
        return '"' + name + '"';
    }
}
