package io.platform.etl.rules.pipeline;

import io.platform.etl.model.rules.publish.RuleKeys;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.rules.config.RulesSettings;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pipelines rules may be written for: the spec's {@code metadata.name} plus {@code rules.pipelines}. */
@Singleton
public class PipelineNames {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineNames.class);

    private final Set<String> known;

    public PipelineNames(RulesSettings settings) {
        Set<String> names = new LinkedHashSet<>(settings.pipelines());
        Path spec = Path.of(settings.pipelineSpec());
        if (Files.isReadable(spec)) {
            names.add(PipelineSpecParser.parse(spec).name());
        } else {
            LOG.info("pipeline spec {} not found, using the built-in pipeline spec's name", spec);
            names.add(PipelineSpecParser.seed().name());
        }
        this.known = Set.copyOf(names);
    }

    /** Null when the name is acceptable, else the reason. */
    public Optional<String> problem(String pipeline) {
        if (pipeline == null || pipeline.isBlank()) {
            return Optional.of("required");
        }
        if (!RuleKeys.isValidName(pipeline)) {
            return Optional.of("must match [A-Za-z0-9._-]+");
        }
        if (!known.contains(pipeline)) {
            return Optional.of("unknown pipeline \"" + pipeline + "\"");
        }
        return Optional.empty();
    }

    public Set<String> known() {
        return known;
    }
}
