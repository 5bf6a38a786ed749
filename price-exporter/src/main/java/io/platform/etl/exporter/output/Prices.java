package io.platform.etl.exporter.output;

import java.math.BigDecimal;

/** How prices are rendered as text. */
public final class Prices {

    private Prices() {
    }

    /** At least two decimals, more only when they are significant: 12.5000 → 12.50, 1.2345 → 1.2345. */
    public static String format(BigDecimal price) {
        BigDecimal stripped = price.stripTrailingZeros();
        return stripped.setScale(Math.max(2, stripped.scale())).toPlainString();
    }
}
