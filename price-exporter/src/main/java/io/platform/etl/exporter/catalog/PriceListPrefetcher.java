package io.platform.etl.exporter.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * Reads the clients' price lists on a background thread, in order, a bounded number of row batches ahead of
 * the writer: the database works on the next list while the current one is formatted, instead of the two
 * taking turns. Memory stays bounded by {@code capacity x batch size} rows.
 */
public final class PriceListPrefetcher implements AutoCloseable {

    private static final int BATCH = 1000;
    private static final int CAPACITY = 16;

    private record Batch(List<PriceRow> rows, boolean last, Exception error) {
    }

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean closed;

    public PriceListPrefetcher(CatalogReader.Snapshot snapshot, List<ExportClient> clients, LocalDate runDate) {
        var mdc = MDC.getCopyOfContextMap();
        this.thread = Thread.ofPlatform().name("catalog-prefetch").daemon().start(() -> {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            try {
                for (ExportClient client : clients) {
                    var current = new Object() {
                        List<PriceRow> rows = new ArrayList<>(BATCH);
                    };
                    snapshot.streamPrices(client, runDate, row -> {
                        current.rows.add(row);
                        if (current.rows.size() == BATCH) {
                            put(new Batch(current.rows, false, null));
                            current.rows = new ArrayList<>(BATCH);
                        }
                    });
                    put(new Batch(current.rows, true, null));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                try {
                    put(new Batch(List.of(), true, e));
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    private void put(Batch batch) throws InterruptedException {
        while (!closed) {
            if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
        throw new InterruptedException("prefetch closed");
    }

    /** Hands the next client's rows (the clients come in the order given) to the sink. */
    public void next(CatalogReader.RowSink sink) throws Exception {
        while (true) {
            Batch batch = queue.take();
            if (batch.error() != null) {
                throw batch.error();
            }
            for (Iterator<PriceRow> it = batch.rows().iterator(); it.hasNext(); ) {
                sink.accept(it.next());
            }
            if (batch.last()) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        queue.clear();
        thread.join(10_000);
    }
}
