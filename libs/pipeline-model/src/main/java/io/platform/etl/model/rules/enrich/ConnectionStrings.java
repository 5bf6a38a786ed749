package io.platform.etl.model.rules.enrich;

import java.util.regex.Pattern;

/** Detects credentials embedded in connection strings and URLs (which must come from secrets instead). */
final class ConnectionStrings {

    /** {@code scheme://user:password@host}: a colon in the user-info part. */
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#@]*:[^/?#@]*@.*");
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)[?&;](password|passwd|pwd|pass|secret)=");

    private ConnectionStrings() {
    }

    static boolean carriesPassword(String url) {
        return url != null && (USERINFO_PASSWORD.matcher(url).matches() || QUERY_PASSWORD.matcher(url).find());
    }
}
