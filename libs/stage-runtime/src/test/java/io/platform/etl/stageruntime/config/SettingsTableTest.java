package io.platform.etl.stageruntime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.BeanDefinition;
import io.platform.etl.stageruntime.eventtime.EventTimeSettings;
import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.kafka.StageStreamsFactory;
import io.platform.etl.stageruntime.loop.LoopSettings;
import io.platform.etl.stageruntime.loop.StageLoop;
import io.platform.etl.stageruntime.rules.DynamicRulesSettings;
import io.platform.etl.stageruntime.rules.RedisSettings;
import io.platform.etl.stageruntime.rules.RulesStoreSettings;
import io.platform.etl.stageruntime.spec.SpecSettings;
import io.platform.etl.stageruntime.spec.TopicSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The settings table of README.md lists exactly the properties the runtime reads (its settings records, and
 * {@code kafka.bootstrap.servers}), each with the default the code has.
 */
class SettingsTableTest {

    private static final List<Class<? extends Record>> SETTINGS = List.of(SpecSettings.class, KafkaSettings.class,
            StageSettings.class, DynamicRulesSettings.class, RulesStoreSettings.class, RedisSettings.class,
            TopicSettings.class, EventTimeSettings.class, LoopSettings.class);
    /** Beans and factories that read a property directly ({@code kafka.bootstrap.servers}, micronaut-kafka's key). */
    private static final List<Class<?>> INJECTED = List.of(StageStreamsFactory.class, StageLoop.class);
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void readmeTableListsExactlyTheRuntimesPropertiesWithTheirDefaults() throws IOException {
        Map<String, String> table = readmeTable();
        Map<String, String> code = codeDefaults();

        assertThat(table.keySet()).isEqualTo(code.keySet());
        assertThat(code.values()).as("defaults found in the code").contains("100ms", "15s", "config/pipeline.yaml");
        code.forEach((property, defaultValue) -> {
            if (!defaultValue.isEmpty()) {
                assertThat(table.get(property)).as("default of %s in README.md", property)
                        .contains("`" + defaultValue + "`");
            }
        });
    }

    /** Property → default ("" when the code has none) from the records and {@code @Property} parameters. */
    private static Map<String, String> codeDefaults() {
        Map<String, String> properties = new TreeMap<>();
        try (ApplicationContext context = ApplicationContext.run()) {
            for (Class<? extends Record> settings : SETTINGS) {
                // Micronaut's compile-time metadata: @Bindable is not retained for reflection.
                BeanDefinition<? extends Record> definition = context.getBeanDefinition(settings);
                String prefix = definition.stringValue(ConfigurationProperties.class).orElseThrow();
                for (Argument<?> argument : definition.getConstructor().getArguments()) {
                    properties.put(prefix + "." + NameUtils.hyphenate(argument.getName()), argument
                            .getAnnotationMetadata().stringValue(Bindable.class, "defaultValue").orElse(""));
                }
            }
        }
        for (Class<?> type : INJECTED) {
            Stream.concat(Arrays.stream(type.getDeclaredConstructors()).flatMap(c -> Arrays.stream(c.getParameters())),
                            Arrays.stream(type.getDeclaredMethods()).flatMap(m -> Arrays.stream(m.getParameters())))
                    .map(p -> p.getAnnotation(Property.class)).filter(p -> p != null)
                    .forEach(p -> properties.put(p.name(), p.defaultValue()));
        }
        return properties;
    }

    /** Property → its row of the "## Settings" table; `a.{b,c}` rows name a.b and a.c, `a.*` names a. */
    private static Map<String, String> readmeTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Settings"));
        section = section.substring(0, section.indexOf("\n## ", 1) < 0 ? section.length() : section.indexOf("\n## ", 1));
        Map<String, String> rows = new TreeMap<>();
        for (String line : section.lines().filter(l -> l.startsWith("| `")).toList()) {
            String firstCell = line.substring(1, line.indexOf('|', 1));
            Matcher m = CODE.matcher(firstCell);
            while (m.find()) {
                String name = m.group(1);
                if (name.endsWith(".*")) {
                    name = name.substring(0, name.length() - 2);
                }
                int brace = name.indexOf('{');
                if (brace < 0) {
                    rows.put(name, line);
                } else {
                    for (String tail : name.substring(brace + 1, name.length() - 1).split(",")) {
                        rows.put(name.substring(0, brace) + tail.trim(), line);
                    }
                }
            }
        }
        return rows;
    }

}
