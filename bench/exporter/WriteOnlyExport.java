import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Write-only measure, run as its own JVM with the exporter's flags: the production classes copy every
 * active client's list out of the snapshot into a local CSV file with row/byte count and SHA-256
 * (CsvPriceListExport), on as many lanes as EXPORT_READERS (each its own snapshot reader), as the
 * exporter does, but upload nothing.
 */
final class WriteOnlyExport {

    public static void main(String[] args) throws Exception {
        try (ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false)
                .properties(Map.of("exporter.mode", "once")).start()) {
            var reader = ctx.getBean(io.platform.etl.exporter.catalog.CatalogReader.class);
            var csv = ctx.getBean(io.platform.etl.exporter.csv.CsvPriceListExport.class);
            Path dir = Files.createTempDirectory("exporter-write-only");
            long start = System.nanoTime();
            int lanes = ctx.getBean(io.platform.etl.exporter.config.ExportSettings.class).props().readers();
            var all = new java.util.concurrent.atomic.AtomicLong();
            var next = new java.util.concurrent.atomic.AtomicInteger();
            try (var snapshot = reader.open()) {
                var clients = snapshot.activeClients();
                List<Thread> threads = new ArrayList<>();
                for (int lane = 0; lane < lanes; lane++) {
                    threads.add(Thread.ofPlatform().start(() -> {
                        try (var lanesReader = snapshot.newReader()) {
                            for (int i = next.getAndIncrement(); i < clients.size(); i = next.getAndIncrement()) {
                                var client = clients.get(i);
                                Path path = dir.resolve("prices-" + client.code() + ".csv");
                                all.addAndGet(csv.write(lanesReader, client, ExporterBench.RUN_DATE, path, () -> { })
                                        .rows());
                                Files.delete(path);
                            }
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    }));
                }
                for (Thread t : threads) {
                    t.join();
                }
            }
            long rows = all.get();
            long ms = (System.nanoTime() - start) / 1_000_000;
            Files.delete(dir);
            System.out.println("WRITE-ONLY rows=" + rows + " ms=" + ms);
        }
    }
}
