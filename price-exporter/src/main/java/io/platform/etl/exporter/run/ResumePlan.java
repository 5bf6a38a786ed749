package io.platform.etl.exporter.run;

import io.platform.etl.exporter.catalog.ExportClient;
import io.platform.etl.exporter.output.OutputFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run still has to do for a date (ADR 0101): the clients with at least one format not yet published, and
 * for each of them exactly the missing formats; clients with every format published count as resumed.
 *
 * @param clients every active client, in catalog order (the manifest lists them all)
 * @param missing pending client code → formats still to publish, in catalog order
 */
record ResumePlan(List<ExportClient> clients, Map<String, List<OutputFormat>> missing) {

    static ResumePlan of(List<ExportClient> clients, Map<String, Set<OutputFormat>> published,
                         List<OutputFormat> formats) {
        Map<String, List<OutputFormat>> missing = new LinkedHashMap<>();
        for (ExportClient client : clients) {
            Set<OutputFormat> done = published.getOrDefault(client.code(), Set.of());
            List<OutputFormat> todo = formats.stream().filter(f -> !done.contains(f)).toList();
            if (!todo.isEmpty()) {
                missing.put(client.code(), todo);
            }
        }
        return new ResumePlan(List.copyOf(clients), missing);
    }

    List<ExportClient> pending() {
        return clients.stream().filter(c -> missing.containsKey(c.code())).toList();
    }

    int resumed() {
        return clients.size() - missing.size();
    }

    List<String> codes() {
        return clients.stream().map(ExportClient::code).toList();
    }
}
