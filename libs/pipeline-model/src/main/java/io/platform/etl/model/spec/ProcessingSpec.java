package io.platform.etl.model.spec;

import java.util.List;

/** {@code spec.processing}: the window and the stages in order. */
public record ProcessingSpec(WindowSpec window, List<StageSpec> stages) {

    public ProcessingSpec {
        stages = List.copyOf(stages);
    }
}
