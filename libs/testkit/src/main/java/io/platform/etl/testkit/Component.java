package io.platform.etl.testkit;

/** The real servers the test kit can provide. */
public enum Component {
    POSTGRES,
    REDIS,
    KAFKA,
    OIDC,
    S3
}
