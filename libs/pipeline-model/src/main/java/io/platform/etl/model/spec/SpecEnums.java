package io.platform.etl.model.spec;

import java.util.Locale;
import java.util.Optional;

/** Lookup of spec enums by their lowercase YAML names ({@code dead_letter} → {@code DEAD_LETTER}). */
final class SpecEnums {

    private SpecEnums() {
    }

    static <E extends Enum<E>> Optional<E> find(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
