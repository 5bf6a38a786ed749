package io.platform.etl.stage.enrich.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code enrich.databases.<name>.*}: a database a {@code database} source may name in its {@code connection}
 * (by this name, or by {@code match}, the connection string the rules use). Credentials live only here, from the
 * environment or a secret (ADR 0803).
 *
 * @param name     the key under {@code enrich.databases}
 * @param match    the rules' connection string that means this database, e.g. {@code postgresql://user-db:5432/profiles}
 * @param jdbcUrl  where to connect
 * @param username database user
 * @param password its password
 * @param poolSize connections (one query per batch per source needs few)
 */
@EachProperty("enrich.databases")
public record DatabaseConnection(@Parameter String name,
                                 @Nullable String match,
                                 @NotBlank String jdbcUrl,
                                 @Nullable String username,
                                 @Nullable String password,
                                 @Bindable(defaultValue = "2") @Min(1) int poolSize) {

    /** True when a source's {@code connection} refers to this database. */
    public boolean matches(String connection) {
        return connection != null && (connection.equals(name) || connection.equals(match));
    }

    @Override
    public String toString() {
        return "DatabaseConnection[" + name + ", " + jdbcUrl + ", user " + username + "]";
    }
}
