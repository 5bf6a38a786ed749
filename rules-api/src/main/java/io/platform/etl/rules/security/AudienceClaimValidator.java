package io.platform.etl.rules.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.util.Collection;

/** When {@code rules.security.audience} is set, a token's {@code aud} must contain it. */
@Singleton
@Requires(property = "rules.security.audience", pattern = ".+")
public class AudienceClaimValidator<T> implements GenericJwtClaimsValidator<T> {

    private final String audience;

    public AudienceClaimValidator(@Value("${rules.security.audience}") String audience) {
        this.audience = audience;
    }

    @Override
    public boolean validate(Claims claims, T request) {
        Object aud = claims.get("aud");
        if (aud instanceof String single) {
            return single.equals(audience);
        }
        return aud instanceof Collection<?> many && many.contains(audience);
    }
}
