package io.platform.etl.stage.aggregate.accumulate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Reading numeric field values, writing them compactly, and turning them into result JSON. */
final class Numbers {

    private Numbers() {
    }

    /** The value as a decimal: a JSON number or a numeric string; null for anything else (absent, null, text). */
    static BigDecimal read(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            String text = node.textValue().trim();
            if (text.isEmpty() || text.length() > 100) {
                return null;
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Writes a result number: no trailing zeros, never exponent notation for whole numbers; null stays null. */
    static void write(JsonGenerator out, BigDecimal value) throws IOException {
        if (value == null) {
            out.writeNull();
            return;
        }
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        out.writeNumber(stripped.scale() < 0 ? stripped.setScale(0) : stripped);
    }

    static void write(DataOutput out, BigDecimal value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            byte[] unscaled = value.unscaledValue().toByteArray();
            out.writeInt(value.scale());
            out.writeShort(unscaled.length);
            out.write(unscaled);
        }
    }

    static BigDecimal readDecimal(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int scale = in.readInt();
        byte[] unscaled = new byte[in.readUnsignedShort()];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), scale);
    }
}
