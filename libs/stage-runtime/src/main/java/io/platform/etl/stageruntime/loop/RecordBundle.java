package io.platform.etl.stageruntime.loop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.ByteBufferOutputStream;

/**
 * Many records of one hop partition in one Kafka record (ADR 0342), so the keying loop's producer, the broker and the
 * deciding loop's consumer handle a record per partition and batch instead of one per input record. Marked by the
 * header {@value #HEADER} (value: the format version). The value is a sequence of entries:
 * {@code [key length:4, -1 = null][key][value length:4, -1 = null][value][header count:4]} and per header
 * {@code [name length:4][name, UTF-8][value length:4, -1 = null][value]}.
 */
final class RecordBundle {

    static final String HEADER = "x-etl-bundle";
    static final byte VERSION = 1;
    /** A bundle is cut before it passes this size: far under the broker's and the producer's 1 MB defaults. */
    static final int MAX_BYTES = 256 * 1024;
    /** A larger record crosses the hop on its own, as before bundles. */
    static final int MAX_ENTRY_BYTES = 64 * 1024;

    private static final Header MARK = new RecordHeader(HEADER, new byte[] {VERSION});

    private RecordBundle() {
    }

    /** At most the bytes an entry takes in a bundle (header names counted at 3 bytes a character). */
    static int entryBytes(byte[] key, byte[] value, Header[] headers) {
        int size = 12 + length(key) + length(value);
        for (Header h : headers) {
            size += 8 + h.key().length() * 3 + length(h.value());
        }
        return size;
    }

    static boolean isBundle(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null && record.headers().lastHeader(HEADER) != null;
    }

    /**
     * The records a bundle holds, each with the bundle's topic, partition, offset and timestamp.
     *
     * @throws IllegalArgumentException for an unknown version or a value that does not parse
     */
    static List<ConsumerRecord<byte[], byte[]>> open(ConsumerRecord<byte[], byte[]> bundle) {
        byte[] version = bundle.headers().lastHeader(HEADER).value();
        if (version == null || version.length != 1 || version[0] != VERSION) {
            throw new IllegalArgumentException("hop bundle of unknown version " + Arrays.toString(version));
        }
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        HeaderNames names = new HeaderNames();
        try {
            byte[] data = bundle.value() == null ? new byte[0] : bundle.value();
            ByteBuffer in = ByteBuffer.wrap(data);
            while (in.hasRemaining()) {
                byte[] key = bytes(in);
                byte[] value = bytes(in);
                int count = in.getInt();
                if (count < 0 || count > in.remaining() / 8) {
                    throw new IllegalArgumentException("header count " + count);
                }
                RecordHeaders headers = new RecordHeaders();
                for (int i = 0; i < count; i++) {
                    headers.add(names.read(in, data), bytes(in));
                }
                out.add(new ConsumerRecord<>(bundle.topic(), bundle.partition(), bundle.offset(), bundle.timestamp(),
                        bundle.timestampType() == null ? TimestampType.NO_TIMESTAMP_TYPE : bundle.timestampType(),
                        length(key), length(value), key, value, headers, Optional.empty()));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed hop bundle at " + bundle.topic() + "-" + bundle.partition()
                    + "@" + bundle.offset() + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static byte[] bytes(ByteBuffer in) {
        int n = in.getInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("length " + n + " with " + in.remaining() + " bytes left");
        }
        byte[] out = new byte[n];
        in.get(out);
        return out;
    }

    /**
     * The header names of one bundle: its records carry the same few names, each decoded to a string once per bundle
     * instead of once per record.
     */
    private static final class HeaderNames {

        private final List<byte[]> encoded = new ArrayList<>(4);
        private final List<String> decoded = new ArrayList<>(4);

        String read(ByteBuffer in, byte[] array) {
            int n = in.getInt();
            if (n == -1) {
                throw new IllegalArgumentException("header without a name");
            }
            if (n < 0 || n > in.remaining()) {
                throw new IllegalArgumentException("length " + n + " with " + in.remaining() + " bytes left");
            }
            int from = in.position();
            in.position(from + n);
            for (int i = 0; i < encoded.size(); i++) {
                byte[] known = encoded.get(i);
                if (Arrays.equals(known, 0, known.length, array, from, from + n)) {
                    return decoded.get(i);
                }
            }
            String name = new String(array, from, n, StandardCharsets.UTF_8);
            if (encoded.size() < 16) {
                encoded.add(Arrays.copyOfRange(array, from, from + n));
                decoded.add(name);
            }
            return name;
        }
    }

    /** The entries of one hop partition while a batch is built; {@link #record} writes them as one bundle. */
    static final class Builder {

        private final ByteBufferOutputStream out = new ByteBufferOutputStream(4096);
        private int entries;
        private TopicPartition firstInput;
        private long firstOffset;
        private int firstIndex;

        boolean isEmpty() {
            return entries == 0;
        }

        /** Drops what was added (a batch that failed half-way leaves nothing for the next). */
        void clear() {
            out.position(0);
            entries = 0;
            firstInput = null;
        }

        /** Whether an entry of {@code size} (see {@link #entryBytes}) still fits under {@link #MAX_BYTES}. */
        boolean fits(int size) {
            return out.position() + size <= MAX_BYTES;
        }

        /** Adds an entry; the first one is the input a refused bundle is charged to (ADR 0808). */
        void add(byte[] key, byte[] value, Header[] headers, TopicPartition input, long offset, int index) {
            if (entries++ == 0) {
                firstInput = input;
                firstOffset = offset;
                firstIndex = index;
            }
            put(key);
            put(value);
            out.ensureRemaining(4);
            out.buffer().putInt(headers.length);
            for (Header h : headers) {
                put(h.key().getBytes(StandardCharsets.UTF_8));
                put(h.value());
            }
        }

        /** The bundle as one output to {@code partition} of {@code topic}; the builder is empty again. */
        Batch.Output record(String topic, int partition) {
            byte[] value = Arrays.copyOf(out.buffer().array(), out.position());
            Batch.Output record = new Batch.Output(new ProducerRecord<>(topic, partition, (byte[]) null, value,
                    new RecordHeaders(new Header[] {MARK})), firstInput, firstOffset, firstIndex);
            clear();
            return record;
        }

        private void put(byte[] value) {
            out.ensureRemaining(4 + (value == null ? 0 : value.length));
            if (value == null) {
                out.buffer().putInt(-1);
                return;
            }
            out.buffer().putInt(value.length).put(value);
        }
    }
}
