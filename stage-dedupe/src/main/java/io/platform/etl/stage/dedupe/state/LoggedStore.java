package io.platform.etl.stage.dedupe.state;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A {@link SortedStore} whose every change also goes to a changelog (ADR 0609): {@link #put} and {@link #delete}
 * change the store in memory and hand {@code [tag][key] → value} (null = deleted) to the current sink, the open
 * transaction's; {@link #restore} applies a changelog entry silently. A folding store keeps its changes until
 * {@link #flush} instead, one per key (the last wins): for the Bloom pages, which change many times between two
 * commits, so a commit writes each changed 4 KiB page once rather than once per key added to it.
 */
public final class LoggedStore implements SortedStore {

    private final SortedStore inner;
    private final byte tag;
    private final boolean folds;
    private final Map<ByteBuffer, byte[]> pending = new LinkedHashMap<>();
    private BiConsumer<byte[], byte[]> sink;

    public LoggedStore(SortedStore inner, byte tag, boolean folds) {
        this.inner = inner;
        this.tag = tag;
        this.folds = folds;
    }

    /** Where changes go from now on (the emitter of the record or tick being handled). */
    public void sink(BiConsumer<byte[], byte[]> sink) {
        this.sink = sink;
    }

    /** Applies one entry read from the changelog (its tag stripped), without logging it again. */
    public void restore(byte[] key, byte[] value) {
        if (value == null) {
            inner.delete(key);
        } else {
            inner.put(key, value);
        }
    }

    /** Writes the folded changes to the current sink. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        for (Map.Entry<ByteBuffer, byte[]> e : pending.entrySet()) {
            sink.accept(tagged(e.getKey().array()), e.getValue());
        }
        pending.clear();
    }

    @Override
    public byte[] get(byte[] key) {
        return inner.get(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        inner.put(key, value);
        log(key, value);
    }

    @Override
    public void delete(byte[] key) {
        inner.delete(key);
        log(key, null);
    }

    @Override
    public Map.Entry<byte[], byte[]> firstAtOrAfter(byte[] from) {
        return inner.firstAtOrAfter(from);
    }

    @Override
    public void forEach(byte[] from, byte[] to, Consumer<Map.Entry<byte[], byte[]>> action) {
        inner.forEach(from, to, action);
    }

    @Override
    public long approximateEntries() {
        return inner.approximateEntries();
    }

    private void log(byte[] key, byte[] value) {
        if (folds) {
            pending.put(ByteBuffer.wrap(key), value);
        } else {
            sink.accept(tagged(key), value);
        }
    }

    private byte[] tagged(byte[] key) {
        byte[] out = new byte[key.length + 1];
        out[0] = tag;
        System.arraycopy(key, 0, out, 1, key.length);
        return out;
    }
}
