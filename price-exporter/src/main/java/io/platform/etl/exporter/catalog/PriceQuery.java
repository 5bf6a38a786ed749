package io.platform.etl.exporter.catalog;

import java.time.LocalDate;

/**
 * The price-list query of one client on one date: every active product, its category path, and the client
 * price valid on the date or else the base price. The winning client price is the one with the latest
 * {@code valid_from} (ties: highest id), both range ends inclusive.
 */
public final class PriceQuery {

    private static final String TEMPLATE = """
            WITH RECURSIVE category_path (id, path) AS (
                SELECT id, name::text FROM categories WHERE parent_id IS NULL
              UNION ALL
                SELECT c.id, cp.path || ' / ' || c.name
                FROM categories c JOIN category_path cp ON c.parent_id = cp.id
            )
            SELECT p.sku, p.name, cp.path, COALESCE(pr.price, p.base_price) AS price, p.currency,
                   pr.price IS NOT NULL AS client_price, pr.valid_from, pr.valid_to
            FROM products p
            JOIN category_path cp ON cp.id = p.category_id
            LEFT JOIN LATERAL (
                SELECT x.price, x.valid_from, x.valid_to
                FROM client_prices x
                WHERE x.client_id = %1$s AND x.product_id = p.id
                  AND x.valid_from <= %2$s AND (x.valid_to IS NULL OR x.valid_to >= %2$s)
                ORDER BY x.valid_from DESC, x.id DESC
                LIMIT 1
            ) pr ON true
            WHERE p.active
            ORDER BY p.sku
            """;

    /** Parameters: 1 client id, 2 and 3 the run date (twice). */
    public static final String SQL = TEMPLATE.formatted("?", "?::date");

    private PriceQuery() {
    }

    /** The same query with literal values, for {@code COPY (…) TO STDOUT} (which takes no parameters). */
    public static String literal(long clientId, LocalDate runDate) {
        return TEMPLATE.formatted(Long.toString(clientId), "DATE '" + runDate + "'");
    }
}
