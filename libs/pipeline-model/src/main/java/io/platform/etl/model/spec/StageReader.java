package io.platform.etl.model.spec;

import io.platform.etl.model.json.Cursor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code spec.processing}: the window and each stage's common keys; configs via {@link StageConfigReader}. */
final class StageReader {

    private static final Set<String> STAGE_KEYS = Set.of("name", "type", "config", "checkpoint", "sensitive",
            "database", "resources", "scaling");

    private StageReader() {
    }

    static ProcessingSpec processing(Cursor c) {
        if (!c.require() || !c.isObject()) {
            return null;
        }
        c.rejectUnknown(Set.of("window", "stages"));
        WindowSpec window = window(c.field("window"));
        Cursor list = c.field("stages");
        if (list.require() && list.node().isArray() && list.node().isEmpty()) {
            list.error("must not be empty");
        }
        List<StageSpec> stages = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        Map<StageType, Integer> types = new HashMap<>();
        for (Cursor s : list.elements()) {
            StageSpec stage = stage(s);
            if (stage == null) {
                continue;
            }
            if (stage.name() != null) {
                Integer first = names.putIfAbsent(stage.name(), stages.size());
                if (first != null) {
                    s.field("name").error("duplicate stage name \"" + stage.name() + "\"");
                }
            }
            if (stage.type() != null && types.putIfAbsent(stage.type(), stages.size()) != null) {
                s.field("type").error("duplicate stage type " + stage.type() + " (one stage per type)");
            }
            stages.add(stage);
        }
        return new ProcessingSpec(window, stages);
    }

    private static WindowSpec window(Cursor c) {
        if (!c.isObject()) {
            return WindowSpec.DEFAULTS;
        }
        c.rejectUnknown(Set.of("type", "duration", "allowed_lateness"));
        WindowType type = c.field("type").named("window type", WindowType::fromYaml).orElse(WindowType.TUMBLING);
        Duration duration = SpecChecks.positive(c.field("duration"), WindowSpec.DEFAULTS.duration());
        Duration lateness = c.field("allowed_lateness").duration().orElse(WindowSpec.DEFAULTS.allowedLateness());
        return new WindowSpec(type, duration, lateness);
    }

    private static StageSpec stage(Cursor c) {
        if (!c.require() || !c.isObject()) {
            return null;
        }
        c.rejectUnknown(STAGE_KEYS);
        String name = c.field("name").requiredText();
        Cursor typeCursor = c.field("type");
        StageType type = typeCursor.require()
                ? typeCursor.named("stage type", StageType::fromYaml).orElse(null) : null;
        StageConfig config = type == null ? null : StageConfigReader.read(type, c.field("config"));
        return new StageSpec(name, type, config, SpecChecks.flag(c.field("checkpoint"), false),
                SpecChecks.flag(c.field("sensitive"), false), database(c.field("database")),
                resources(c.field("resources")), scaling(c.field("scaling")));
    }

    private static DatabaseSpec database(Cursor c) {
        if (!c.isObject()) {
            return null;
        }
        c.rejectUnknown(Set.of("type", "config"));
        Cursor config = c.field("config");
        config.isObject();
        return new DatabaseSpec(c.field("type").requiredText(), config.node());
    }

    private static StageSpec.Resources resources(Cursor c) {
        if (!c.isObject()) {
            return null;
        }
        c.rejectUnknown(Set.of("cpu", "memory"));
        return new StageSpec.Resources(SpecChecks.quantity(c.field("cpu")), SpecChecks.quantity(c.field("memory")));
    }

    private static StageSpec.Scaling scaling(Cursor c) {
        if (!c.isObject()) {
            return null;
        }
        c.rejectUnknown(Set.of("min_replicas", "max_replicas", "target_cpu"));
        int min = SpecChecks.atLeast(c.field("min_replicas"), 1, 1);
        int max = SpecChecks.atLeast(c.field("max_replicas"), 1, Math.max(min, 1));
        int cpu = SpecChecks.atLeast(c.field("target_cpu"), 1, 80);
        if (max < min) {
            c.field("max_replicas").error("must be at least min_replicas (" + min + "), was " + max);
        }
        if (cpu > 100) {
            c.field("target_cpu").error("must be at most 100, was " + cpu);
        }
        return new StageSpec.Scaling(min, max, cpu);
    }
}
