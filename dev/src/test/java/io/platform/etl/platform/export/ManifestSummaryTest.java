package io.platform.etl.platform.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManifestSummaryTest {

    @Test
    void listsEachPublishedFileWithClientRowsBytesDigestAndKey() {
        String manifest = """
                {"run_date":"2026-12-02","run_id":"r-1","generated_at":"2026-12-02T06:00:00Z","formats":["csv"],
                 "clients":2,"total_rows":80,"files":[
                  {"client":"acme","format":"csv","key":"price-lists/2026-12-02/acme/prices-acme-2026-12-02.csv",
                   "rows":40,"bytes":3001,"sha256":"0123456789abcdef0123","etag":"e1"},
                  {"client":"globex","format":"csv","key":"price-lists/2026-12-02/globex/prices-globex-2026-12-02.csv",
                   "rows":40,"bytes":2987,"sha256":"fedcba9876543210fedc","etag":"e2"}]}
                """;
        assertThat(ManifestSummary.render(manifest)).isEqualTo("""
                CLIENT  FORMAT  ROWS  BYTES  SHA-256       KEY
                ------  ------  ----  -----  ------------  ----------------------------------------------------------
                acme    csv     40    3001   0123456789ab  price-lists/2026-12-02/acme/prices-acme-2026-12-02.csv
                globex  csv     40    2987   fedcba987654  price-lists/2026-12-02/globex/prices-globex-2026-12-02.csv
                2 clients, 80 rows, run r-1
                """);
    }
}
