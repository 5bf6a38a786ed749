package io.platform.etl.exporter.run;

import static io.platform.etl.exporter.output.OutputFormat.CSV;
import static io.platform.etl.exporter.output.OutputFormat.XLSX;
import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.exporter.catalog.ExportClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResumePlanTest {

    private final ExportClient acme = new ExportClient(1, "ACME", "Acme");
    private final ExportClient globex = new ExportClient(2, "GLOBEX", "Globex");
    private final ExportClient initech = new ExportClient(3, "INITECH", "Initech");

    @Test
    void aFirstRunHasEveryClientAndFormatToDo() {
        ResumePlan plan = ResumePlan.of(List.of(acme, globex), Map.of(), List.of(CSV, XLSX));

        assertThat(plan.pending()).containsExactly(acme, globex);
        assertThat(plan.missing()).containsEntry("ACME", List.of(CSV, XLSX)).containsEntry("GLOBEX", List.of(CSV, XLSX));
        assertThat(plan.resumed()).isZero();
    }

    @Test
    void aResumedRunRedoesOnlyTheFormatsNotYetPublished() {
        ResumePlan plan = ResumePlan.of(List.of(acme, globex, initech),
                Map.of("ACME", Set.of(CSV, XLSX), "GLOBEX", Set.of(CSV)), List.of(CSV, XLSX));

        assertThat(plan.pending()).containsExactly(globex, initech);
        assertThat(plan.missing()).containsOnlyKeys("GLOBEX", "INITECH")
                .containsEntry("GLOBEX", List.of(XLSX)).containsEntry("INITECH", List.of(CSV, XLSX));
        assertThat(plan.resumed()).isEqualTo(1);
        assertThat(plan.codes()).as("the manifest still lists every client").containsExactly("ACME", "GLOBEX", "INITECH");
    }

    @Test
    void aCompleteDateHasNothingToDo() {
        ResumePlan plan = ResumePlan.of(List.of(acme), Map.of("ACME", Set.of(CSV)), List.of(CSV));

        assertThat(plan.missing()).isEmpty();
        assertThat(plan.resumed()).isEqualTo(1);
    }
}
