package io.platform.etl.rules.security;

import io.micronaut.security.authentication.Authentication;

/** Who made a change: the token's {@code preferred_username}, else its subject. */
public final class Authors {

    private Authors() {
    }

    public static String of(Authentication authentication) {
        Object name = authentication.getAttributes().get("preferred_username");
        return name instanceof String s && !s.isBlank() ? s : authentication.getName();
    }
}
