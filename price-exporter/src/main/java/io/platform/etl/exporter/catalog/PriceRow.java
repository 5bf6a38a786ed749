package io.platform.etl.exporter.catalog;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a client's price list, as the database renders it: the reader does no conversion, so a CSV
 * export copies text and only the XLSX writer parses numbers and dates.
 *
 * @param price       the price as PostgreSQL prints a numeric: plain decimal text, e.g. {@code 12.5000}
 * @param clientPrice true when a client price applies, false when the base price is the fallback
 * @param validFrom   first day of the client price, ISO {@code yyyy-mm-dd} (null for the base price)
 * @param validTo     last day of the client price, ISO (null: open-ended or base price)
 */
public record PriceRow(String sku, String product, String categoryPath, String price, String currency,
                       boolean clientPrice, @Nullable String validFrom, @Nullable String validTo) {

    /** Column titles, in the order every format writes them. */
    public static final java.util.List<String> HEADER = java.util.List.of(
            "sku", "product", "category_path", "price", "currency", "price_source", "valid_from", "valid_to");

    /** A row from typed values. */
    public PriceRow(String sku, String product, String categoryPath, BigDecimal price, String currency,
                    boolean clientPrice, @Nullable LocalDate validFrom, @Nullable LocalDate validTo) {
        this(sku, product, categoryPath, price.toPlainString(), currency, clientPrice,
                validFrom == null ? null : validFrom.toString(), validTo == null ? null : validTo.toString());
    }

    /** {@code client} or {@code base}. */
    public String priceSource() {
        return clientPrice ? "client" : "base";
    }
}
