package io.platform.etl.stage.enrich.lookup;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code enrich.api-connect-to}: {@code host:port=host:port} entries that send an {@code api} source's calls for the
 * first address to the second, as curl's {@code --connect-to} does (ADR 0807). Operator configuration, never rules:
 * rules keep naming the service ({@code http://geo-service:8080/location}) and the allowlist is checked against that
 * name; a local run points the name at the stand-in's free port.
 */
public final class ConnectTo {

    private final Map<String, String> routes = new HashMap<>();

    public ConnectTo(List<String> entries) {
        for (String entry : entries) {
            String[] parts = entry.trim().split("=", -1);
            if (parts.length != 2 || !hostPort(parts[0]) || !hostPort(parts[1])) {
                throw new IllegalArgumentException("enrich.api-connect-to: '" + entry
                        + "' is not host:port=host:port");
            }
            routes.put(parts[0].toLowerCase(Locale.ROOT), parts[1]);
        }
    }

    /** Where to send a call for {@code uri}: the same URI, or one with the configured host and port. */
    public URI route(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        String to = routes.get(uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        if (to == null) {
            return uri;
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return URI.create(uri.getScheme() + "://" + to + uri.getRawPath() + query);
    }

    private static boolean hostPort(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            return false;
        }
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            return port > 0 && port < 65536;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
