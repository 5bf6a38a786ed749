package io.platform.etl.stageruntime.keyed;

import io.platform.etl.stageruntime.eventtime.WatermarkMark;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** An upstream watermark mark as a changelog entry: key = its source, value = watermark, sources, idle. */
final class MarkBytes {

    private MarkBytes() {
    }

    static byte[] key(WatermarkMark mark) {
        return mark.source().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(WatermarkMark mark) {
        return ByteBuffer.allocate(13).putLong(mark.watermark()).putInt(mark.sources())
                .put((byte) (mark.idle() ? 1 : 0)).array();
    }

    static WatermarkMark decode(byte[] key, byte[] value) {
        ByteBuffer v = ByteBuffer.wrap(value);
        return new WatermarkMark(new String(key, StandardCharsets.UTF_8), v.getLong(), v.getInt(), v.get() == 1);
    }
}
