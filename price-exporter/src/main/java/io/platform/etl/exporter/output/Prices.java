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

    /**
     * {@link #format(BigDecimal)} on a decimal's text, without parsing it when it is plain ({@code -?\d+(\.\d*)?},
     * as PostgreSQL prints a numeric): trailing zeros are cut down to two decimals.
     */
    public static String format(String price) {
        int dot = plainDot(price);
        if (dot == -2) {
            return format(new BigDecimal(price));
        }
        if (dot == -1) {
            return price + ".00";
        }
        int end = price.length();
        while (end > dot + 3 && price.charAt(end - 1) == '0') {
            end--;
        }
        int decimals = end - dot - 1;
        return decimals >= 2 ? price.substring(0, end) : decimals == 1 ? price + "0" : price + "00";
    }

    /** Index of the dot of a plain decimal, -1 when it has none, -2 when the text is not plain. */
    private static int plainDot(String s) {
        int start = !s.isEmpty() && s.charAt(0) == '-' ? 1 : 0;
        int dot = -1;
        if (start == s.length()) {
            return -2;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' && dot == -1 && i > start) {
                dot = i;
            } else if (c < '0' || c > '9') {
                return -2;
            }
        }
        return dot;
    }
}
