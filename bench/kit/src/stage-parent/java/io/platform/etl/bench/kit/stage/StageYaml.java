package io.platform.etl.bench.kit.stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** Reads a stage's shipped settings, so the benchmark runs what ships. */
public final class StageYaml {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^:}]+:([^}]*)}");

    private StageYaml() {
    }

    /** {@code stage.streams.*} of an application.yml with placeholders resolved to their defaults. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> streamsDefaults(Path applicationYml) throws Exception {
        Map<String, Object> yml = new Yaml().load(Files.readString(applicationYml));
        Map<String, Object> stage = (Map<String, Object>) yml.get("stage");
        Map<String, Object> streams = stage == null ? null : (Map<String, Object>) stage.get("streams");
        Map<String, String> out = new LinkedHashMap<>();
        if (streams != null) {
            streams.forEach((k, v) -> {
                Matcher m = PLACEHOLDER.matcher(String.valueOf(v));
                out.put(k, m.matches() ? m.group(1) : String.valueOf(v));
            });
        }
        return out;
    }

    /** A value of an application.yml by its dotted path (e.g. {@code stage.loop.max-poll-records}), if it sets one. */
    @SuppressWarnings("unchecked")
    public static Optional<String> value(Path applicationYml, String path) throws Exception {
        Object node = new Yaml().load(Files.readString(applicationYml));
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            node = ((Map<String, Object>) map).get(key);
        }
        return Optional.ofNullable(node).map(String::valueOf);
    }
}
