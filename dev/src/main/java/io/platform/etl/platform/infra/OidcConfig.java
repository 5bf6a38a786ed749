package io.platform.etl.platform.infra;

import io.platform.etl.testkit.OidcProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The mock-oauth2-server JSON config of the local platform: interactive login (Swagger UI's authorization
 * code flow shows a login form) and, per demo user, tokens with {@code realm_access.roles}, audience
 * {@value DemoUsers#AUDIENCE} and {@code preferred_username}. A user is recognised by the {@code username}
 * parameter of a password grant ({@code ./platform token}) or by the name typed into the login form
 * (mock-oauth2-server matches that as {@code subject}).
 */
public final class OidcConfig {

    private static final int TOKEN_EXPIRY_SECONDS = 3600;

    private OidcConfig() {
    }

    public static String json() {
        List<String> mappings = new ArrayList<>();
        for (Map.Entry<String, List<String>> user : DemoUsers.roles().entrySet()) {
            for (String param : List.of("username", "subject")) {
                mappings.add(mapping(param, user.getKey(), user.getValue()));
            }
        }
        return """
                {
                  "interactiveLogin": true,
                  "tokenCallbacks": [
                    {
                      "issuerId": "%s",
                      "tokenExpiry": %d,
                      "requestMappings": [
                %s
                      ]
                    }
                  ]
                }
                """.formatted(OidcProvider.REALM, TOKEN_EXPIRY_SECONDS, String.join(",\n", mappings));
    }

    private static String mapping(String param, String user, List<String> roles) {
        String roleList = roles.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(", "));
        return """
                        {
                          "requestParam": "%s",
                          "match": "%s",
                          "claims": {
                            "sub": "%s",
                            "preferred_username": "%s",
                            "aud": ["%s"],
                            "azp": "%s",
                            "realm_access": { "roles": [%s] }
                          }
                        }""".formatted(param, user, user, user, DemoUsers.AUDIENCE, DemoUsers.CLIENT_ID, roleList);
    }
}
