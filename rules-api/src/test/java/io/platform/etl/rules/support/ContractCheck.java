package io.platform.etl.rules.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Checks what the running API really sends against the committed contract {@code openapi/rules-api.yml}
 * (Atlassian swagger-request-validator): every response of {@code /api/v1/**} must be a documented status with
 * the documented headers and body schema, and the request of every 2xx must conform too (a request the contract
 * calls invalid must not succeed). Used by {@link Api} for every exchange of the integration tests.
 */
public final class ContractCheck {

    static final Path CONTRACT = Path.of("..", "openapi", "rules-api.yml");

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(read())
            // the tests send bearer tokens; the oauth2 scheme itself is the service's to check, not the contract's
            .withLevelResolver(LevelResolver.create()
                    .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                    // the service ignores unknown query parameters and tolerates unknown top-level members
                    .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.IGNORE)
                    .withLevel("validation.request.body.schema.additionalProperties", ValidationReport.Level.IGNORE)
                    .build())
            .build();

    private ContractCheck() {
    }

    /** Throws an AssertionError naming every difference between the exchange and the contract. */
    public static void check(String method, URI uri, Map<String, String> requestHeaders, String requestBody,
                             Api.Res response) {
        String path = uri.getRawPath();
        if (!path.startsWith("/api/v1/")) {
            return;
        }
        SimpleResponse.Builder res = SimpleResponse.Builder.status(response.status());
        response.headers().map().forEach((name, values) -> res.withHeader(name, values));
        if (response.body() != null && !response.body().isEmpty()) {
            res.withBody(response.body());
        }
        ValidationReport report;
        if (response.status() / 100 == 2) {
            SimpleRequest.Builder req = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
            requestHeaders.forEach(req::withHeader);
            if (requestBody != null) {
                req.withBody(requestBody);
            }
            queryParams(uri).forEach(kv -> req.withQueryParam(kv.getKey(), kv.getValue()));
            report = VALIDATOR.validate(req.build(), res.build());
        } else {
            report = VALIDATOR.validateResponse(path, Request.Method.valueOf(method), res.build());
        }
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR).filter(m -> !nullAnyValue(m)).toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("contract openapi/rules-api.yml violated by " + method + " " + uri + " → "
                    + response.status() + " " + response.body() + "\n" + report);
        }
    }

    /**
     * A JSON null where the contract says "any JSON value" ({@code JsonValue}, e.g. items of {@code values}): OpenAPI
     * 3.0 cannot give a {@code $ref} null, so the generated {@code allOf} wrapper refuses what the description allows.
     */
    private static boolean nullAnyValue(ValidationReport.Message message) {
        String instance = message.getContext().flatMap(c -> c.getPointers()).map(p -> p.getInstance()).orElse("");
        String text = message.getMessage() + " " + message.getNestedMessages();
        return instance.matches(".*/values/\\d+") && text.contains("Instance type (null)");
    }

    private static List<Map.Entry<String, String>> queryParams(URI uri) {
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(query.split("&")).map(pair -> {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            return Map.entry(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }).toList();
    }

    private static String read() {
        try {
            return Files.readString(CONTRACT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
