package io.platform.etl.exporter.catalog;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a client's price list.
 *
 * @param clientPrice true when a client price applies, false when the base price is the fallback
 * @param validFrom   first day of the client price (null for the base price)
 * @param validTo     last day of the client price (null: open-ended or base price)
 */
public record PriceRow(String sku, String product, String categoryPath, BigDecimal price, String currency,
                       boolean clientPrice, @Nullable LocalDate validFrom, @Nullable LocalDate validTo) {

    /** Column titles, in the order every format writes them. */
    public static final java.util.List<String> HEADER = java.util.List.of(
            "sku", "product", "category_path", "price", "currency", "price_source", "valid_from", "valid_to");

    /** {@code client} or {@code base}. */
    public String priceSource() {
        return clientPrice ? "client" : "base";
    }
}
