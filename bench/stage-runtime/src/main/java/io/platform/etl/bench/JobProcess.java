package io.platform.etl.bench;

import io.platform.etl.bench.kit.JvmOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command lines of the jobs and what /proc says about their JVMs. */
final class JobProcess {

    /** The baselines get a roomy heap and default GC, as a user's application would. */
    static final List<String> BASELINE_FLAGS = List.of("-Xmx1g");

    private JobProcess() {
    }

    static List<String> command(String job, String cp, String bootstrap, String redisUri, String name, String output,
                                int threads, Path spec) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        boolean runtime = job.equals("runtime-noop") || job.equals("stage-filter");
        cmd.addAll(runtime ? stageJvmOptions() : BASELINE_FLAGS);
        String extra = System.getenv("BENCH_JOB_FLAGS_" + job.toUpperCase().replace('-', '_'));
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        cmd.add("-Dlogback.configurationFile=bench/stage-runtime/logback-bench.xml");
        String stateDir = Files.createTempDirectory("bench-" + name).toString();
        switch (job) {
            case "passthrough" -> cmd.addAll(List.of("-cp", cp, PassthroughJob.class.getName(), bootstrap, name,
                    BenchSettings.INPUT, output, Integer.toString(threads)));
            case "dsl" -> cmd.addAll(List.of("-cp", cp, DslFilterJob.class.getName(), bootstrap, name,
                    BenchSettings.INPUT, output, Integer.toString(threads), stateDir));
            case "runtime-noop" -> cmd.addAll(List.of("-cp", cp, RuntimeNoopJob.class.getName(), bootstrap, name,
                    BenchSettings.INPUT, output, Integer.toString(threads), stateDir));
            case "stage-filter" -> {
                Map<String, String> props = new LinkedHashMap<>();
                props.put("kafka.bootstrap.servers", bootstrap);
                props.put("kafka.security-protocol", "PLAINTEXT");
                props.put("redis.uri", redisUri);
                props.put("pipeline.spec", spec.toString());
                props.put("stage.application-id", name);
                props.put("stage.instance-id", name);
                props.put("stage.topics.input", BenchSettings.INPUT);
                props.put("stage.topics.output", output);
                props.put("stage.topics.dead-letter", BenchSettings.DEAD_LETTERS);
                props.put("stage.threads", Integer.toString(threads));
                props.put("stage.state-dir", stateDir);
                props.put("micronaut.server.port", "-1");
                props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
                cmd.addAll(List.of("-cp", cp, "io.platform.etl.stage.filter.Application"));
            }
            default -> throw new IllegalArgumentException(job);
        }
        return cmd;
    }

    /** The flags ./platform starts stage-filter with: stage-filter/jvm.options. */
    static List<String> stageJvmOptions() throws Exception {
        return JvmOptions.read(Path.of("stage-filter/jvm.options"));
    }


    static String uptime() throws Exception {
        String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return "load average " + load[0] + ", " + load[1] + ", " + load[2] + " on "
                + Runtime.getRuntime().availableProcessors() + " cores";
    }

}
