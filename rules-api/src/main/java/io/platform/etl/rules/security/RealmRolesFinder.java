package io.platform.etl.rules.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.DefaultRolesFinder;
import io.micronaut.security.token.RolesFinder;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads Keycloak realm roles from the {@code realm_access.roles} claim. */
@Singleton
@Replaces(DefaultRolesFinder.class)
public class RealmRolesFinder implements RolesFinder {

    @Override
    public List<String> resolveRoles(Map<String, Object> attributes) {
        List<String> roles = new ArrayList<>();
        if (attributes != null && attributes.get("realm_access") instanceof Map<?, ?> realm
                && realm.get("roles") instanceof Collection<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(roles::add);
        }
        return roles;
    }
}
