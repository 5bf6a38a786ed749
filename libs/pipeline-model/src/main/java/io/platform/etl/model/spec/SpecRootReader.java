package io.platform.etl.model.spec;

import io.platform.etl.model.json.Cursor;
import io.platform.etl.model.rules.publish.RuleKeys;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the document root, {@code metadata}, {@code spec} and {@code spec.config}, and cross-checks sections. */
final class SpecRootReader {

    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    private SpecRootReader() {
    }

    static StreamingPipeline read(Cursor root) {
        if (!root.isObject()) {
            return null;
        }
        root.rejectUnknown(Set.of("apiVersion", "kind", "metadata", "spec", "status"));
        String apiVersion = constant(root.field("apiVersion"), StreamingPipeline.API_VERSION);
        String kind = constant(root.field("kind"), StreamingPipeline.KIND);
        Metadata metadata = metadata(root.field("metadata"));
        Cursor s = root.field("spec");
        if (!s.require() || !s.isObject()) {
            return new StreamingPipeline(apiVersion, kind, metadata, null);
        }
        s.rejectUnknown(Set.of("config", "source", "processing", "intermediate_storage", "sink", "monitoring",
                "state_management", "security"));
        GlobalConfig config = config(s.field("config"));
        SourceSpec source = SourceSinkReader.source(s.field("source"));
        ProcessingSpec processing = StageReader.processing(s.field("processing"));
        List<IntermediateStorage> intermediate = SourceSinkReader.intermediate(s.field("intermediate_storage"));
        SinkSpec sink = SourceSinkReader.sink(s.field("sink"));
        checkAfterStages(s.field("intermediate_storage"), intermediate, processing);
        PipelineSpec spec = new PipelineSpec(config, source, processing, intermediate, sink,
                OperationsReader.monitoring(s.field("monitoring")),
                OperationsReader.stateManagement(s.field("state_management")),
                OperationsReader.security(s.field("security")));
        return new StreamingPipeline(apiVersion, kind, metadata, spec);
    }

    private static String constant(Cursor c, String expected) {
        String value = c.requiredText();
        if (value != null && !value.equals(expected)) {
            c.error("expected \"" + expected + "\", was \"" + value + "\"");
        }
        return value;
    }

    private static Metadata metadata(Cursor c) {
        if (!c.require() || !c.isObject()) {
            return null;
        }
        c.rejectUnknown(Set.of("name", "namespace", "labels", "annotations"));
        String name = c.field("name").requiredText();
        if (name != null && (!DNS_NAME.matcher(name).matches() || !RuleKeys.isValidName(name))) {
            c.field("name").error("must be a lowercase DNS name (a-z, 0-9, '-', '.'), was \"" + name + "\"");
        }
        return new Metadata(name, c.field("namespace").text().orElse(null));
    }

    private static GlobalConfig config(Cursor c) {
        GlobalConfig d = GlobalConfig.DEFAULTS;
        if (!c.isObject()) {
            return d;
        }
        c.rejectUnknown(Set.of("processing_mode", "checkpoint_interval", "watermark_interval", "late_data_handling",
                "parallelism", "max_parallelism", "dead_letter_topic", "late_data_topic"));
        int parallelism = SpecChecks.atLeast(c.field("parallelism"), 1, d.parallelism());
        int maxParallelism = SpecChecks.atLeast(c.field("max_parallelism"), 1, Math.max(parallelism, d.maxParallelism()));
        if (maxParallelism < parallelism) {
            c.field("max_parallelism").error("must be at least parallelism (" + parallelism + "), was " + maxParallelism);
        }
        return new GlobalConfig(
                c.field("processing_mode").named("processing mode", ProcessingMode::fromYaml).orElse(d.processingMode()),
                SpecChecks.positive(c.field("checkpoint_interval"), d.checkpointInterval()),
                SpecChecks.positive(c.field("watermark_interval"), d.watermarkInterval()),
                c.field("late_data_handling").named("late data handling", LateDataHandling::fromYaml)
                        .orElse(d.lateDataHandling()),
                parallelism, maxParallelism,
                c.field("dead_letter_topic").text().orElse(d.deadLetterTopic()),
                c.field("late_data_topic").text().orElse(d.lateDataTopic()));
    }

    private static void checkAfterStages(Cursor list, List<IntermediateStorage> storages, ProcessingSpec processing) {
        if (processing == null) {
            return;
        }
        List<Cursor> cursors = list.isPresent() && list.node().isArray() ? list.elements() : List.of();
        int i = 0;
        for (Cursor c : cursors) {
            if (i >= storages.size() || c.node() == null || !c.node().isObject()) {
                continue;
            }
            String after = storages.get(i++).afterStage();
            if (after != null && processing.stages().stream().noneMatch(st -> after.equals(st.name()))) {
                c.field("after_stage").error("unknown stage \"" + after + "\"");
            }
        }
    }
}
