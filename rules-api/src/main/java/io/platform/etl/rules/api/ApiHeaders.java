package io.platform.etl.rules.api;

/** Descriptions of the versioning headers in the OpenAPI document. */
public final class ApiHeaders {

    public static final String ETAG = "the version of the rule set as a strong entity tag (\"3\"; \"0\" = none yet); "
            + "send it back as If-Match";
    public static final String IF_MATCH = "the ETag of the version this change was based on (\"3\", a list, or *); "
            + "412 when stale; required (428) when rules.require-if-match is on";

    public static final String LOCATION = "where the created resource is read (GET), relative to the server";

    private ApiHeaders() {
    }
}
