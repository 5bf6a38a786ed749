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
            SELECT %3$s
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

    /** The row columns, typed (read by the XLSX writer). */
    private static final String ROW_COLUMNS = """
            p.sku, p.name, cp.path, COALESCE(pr.price, p.base_price) AS price, p.currency,
                   pr.price IS NOT NULL AS client_price, pr.valid_from, pr.valid_to""";

    /**
     * The same columns rendered as the CSV shows them: prices with at least two decimals, more only when
     * significant (12.5000 → 12.50, 3.3333 → 3.3333), the price source as a word, dates ISO (DateStyle is set
     * by the reader).
     */
    private static final String CSV_COLUMNS = """
            p.sku, p.name, cp.path,
                   round(COALESCE(pr.price, p.base_price), greatest(2, scale(trim_scale(COALESCE(pr.price, p.base_price))))),
                   p.currency, CASE WHEN pr.price IS NULL THEN 'base' ELSE 'client' END, pr.valid_from, pr.valid_to""";

    /** Parameters: 1 client id, 2 and 3 the run date (twice). */
    public static final String SQL = TEMPLATE.formatted("?", "?::date", ROW_COLUMNS);

    private PriceQuery() {
    }

    /** The row query with literal values, for {@code COPY (…) TO STDOUT} (which takes no parameters). */
    public static String literal(long clientId, LocalDate runDate) {
        return TEMPLATE.formatted(Long.toString(clientId), dateLiteral(runDate), ROW_COLUMNS);
    }

    /**
     * The client's price list as CSV rows (no header), rendered by the server: RFC 4180 quoting (fields with
     * the delimiter, a quote or a line break are quoted, quotes doubled), UTF-8 (the connection's encoding),
     * records ended by LF, which the writer turns into CRLF.
     */
    public static String csvCopy(long clientId, LocalDate runDate, char delimiter) {
        return "COPY (" + TEMPLATE.formatted(Long.toString(clientId), dateLiteral(runDate), CSV_COLUMNS)
                + ") TO STDOUT WITH (FORMAT csv, DELIMITER " + characterLiteral(delimiter) + ")";
    }

    private static String dateLiteral(LocalDate date) {
        return "DATE '" + date + "'";
    }

    /** A one-character SQL escape-string literal. */
    static String characterLiteral(char c) {
        return switch (c) {
            case '\t' -> "E'\\t'";
            case '\\' -> "E'\\\\'";
            case '\'' -> "E'\\''";
            default -> "E'" + c + "'";
        };
    }
}
