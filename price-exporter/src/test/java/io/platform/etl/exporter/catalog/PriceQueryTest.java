package io.platform.etl.exporter.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PriceQueryTest {

    @Test
    void delimiterBecomesAnEscapedOneCharacterLiteral() {
        assertThat(PriceQuery.characterLiteral(',')).isEqualTo("E','");
        assertThat(PriceQuery.characterLiteral('\t')).isEqualTo("E'\\t'");
        assertThat(PriceQuery.characterLiteral('\'')).isEqualTo("E'\\''");
        assertThat(PriceQuery.characterLiteral('\\')).isEqualTo("E'\\\\'");
    }

    @Test
    void copyStatementCarriesTheClientTheDateAndTheDialect() {
        String sql = PriceQuery.csvCopy(42, LocalDate.of(2025, 3, 10), ';');

        assertThat(sql).startsWith("COPY (").contains("x.client_id = 42", "DATE '2025-03-10'")
                .endsWith(") TO STDOUT WITH (FORMAT csv, DELIMITER E';')");
    }
}
