package io.platform.etl.exporter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The golden catalog (run date 2025-03-10). Client ACME has prices on the validity edges; BETA has none
 * (all base prices); ZULU is inactive; SKU-004 is inactive.
 */
final class CatalogSeed {

    private CatalogSeed() {
    }

    static void golden(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO categories (id, parent_id, name) VALUES
                      (1, NULL, 'Электроника'), (2, 1, 'Телефоны'), (3, 2, 'Смартфоны'), (4, NULL, 'Tools, Hardware');
                    INSERT INTO products (id, sku, name, category_id, base_price, currency, active) VALUES
                      (1, 'SKU-001', 'Смартфон "Альфа", 128 ГБ', 3, 19990.00, 'RUB', true),
                      (2, 'SKU-002', E'Hammer, "Heavy"\\nDuty', 4, 12.5, 'USD', true),
                      (3, 'SKU-003', 'Widget', 4, 5, 'EUR', true),
                      (4, 'SKU-004', 'Discontinued', 4, 1, 'EUR', false),
                      (5, 'SKU-005', 'Cable', 4, 3.3333, 'USD', true);
                    INSERT INTO clients (id, code, name, active) VALUES
                      (1, 'ACME', 'ООО «Акме»', true), (2, 'BETA', 'Beta Ltd', true), (3, 'ZULU', 'Zulu', false);
                    INSERT INTO client_prices (client_id, product_id, price, valid_from, valid_to) VALUES
                      (1, 1, 17990.00, DATE '2025-03-10', NULL),               -- starts on the run date
                      (1, 2, 11.00, DATE '2025-02-28', DATE '2025-03-10'),     -- ends on the run date
                      (1, 3, 4.00, DATE '2025-02-28', DATE '2025-03-09'),      -- expired yesterday: base price
                      (1, 5, 3.00, DATE '2025-02-08', NULL),                   -- overlapped by the next row
                      (1, 5, 2.75, DATE '2025-03-05', DATE '2025-03-15'),      -- latest valid_from wins
                      (1, 5, 1.00, DATE '2025-03-11', NULL),                   -- starts tomorrow
                      (1, 4, 0.50, DATE '2025-01-01', NULL),                   -- inactive product
                      (3, 1, 1.00, DATE '2025-01-01', NULL);                   -- inactive client
                    SELECT setval('categories_id_seq', 100), setval('products_id_seq', 100),
                           setval('clients_id_seq', 100);
                    """);
        }
    }

    /** {@code count} extra active clients C01…, each with one client price for SKU-003. */
    static void clients(Connection c, int count) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO clients (code, name) SELECT 'C' || lpad(i::text, 2, '0'), 'Client ' || i"
                    + " FROM generate_series(1, " + count + ") i");
            st.execute("INSERT INTO client_prices (client_id, product_id, price, valid_from)"
                    + " SELECT id, 3, 4.5, DATE '2025-01-01' FROM clients WHERE code LIKE 'C%'");
        }
    }
}
