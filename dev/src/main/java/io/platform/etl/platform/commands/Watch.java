package io.platform.etl.platform.commands;

import io.platform.etl.platform.service.ServiceCatalog;
import io.platform.etl.platform.service.ServiceSpec;
import io.platform.etl.platform.state.EnvFile;
import io.platform.etl.platform.state.PidFile;
import io.platform.etl.platform.watch.LagProbe;
import io.platform.etl.platform.watch.MetricsScraper;
import io.platform.etl.platform.watch.PipelineView;
import io.platform.etl.platform.watch.StageRow;
import io.platform.etl.platform.watch.Terminal;
import io.platform.etl.platform.watch.WatchTable;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code ./platform watch [--once]} (alias {@code top}): per stage, records in and out per second, DLQ and late
 * counts, consumer lag, applied rule version and p99 processing latency, from the stages' own {@code /prometheus}
 * and the broker. Redrawn in place every second on a terminal; one table per second otherwise; {@code --once}
 * prints one table (rates over {@link #ONCE_SPAN}) and exits.
 */
public final class Watch {

    static final Duration REFRESH = Duration.ofSeconds(1);
    static final Duration RATE_WINDOW = Duration.ofSeconds(5);
    static final Duration ONCE_SPAN = Duration.ofSeconds(2);
    /** {@code --once} compares its two looks however long they took on a busy machine. */
    private static final Duration ONCE_WINDOW = Duration.ofMinutes(1);

    private Watch() {
    }

    public static int run(Context ctx) throws InterruptedException {
        if (!Files.exists(ctx.paths().infraEnv())) {
            throw new Failure("the platform is not running (no " + ctx.show(ctx.paths().infraEnv()) + "): ./platform up");
        }
        String bootstrap = EnvFile.read(ctx.paths().infraEnv()).get("KAFKA_BOOTSTRAP_SERVERS");
        Map<ServiceSpec, Integer> stages = new LinkedHashMap<>();
        stagesStarted(ctx).forEach(s -> stages.put(s, ctx.ports().service(s.defaultPort())));
        boolean once = ctx.options().once();
        try (PipelineView view = new PipelineView(stages, new MetricsScraper(), new LagProbe(bootstrap),
                once ? ONCE_WINDOW : RATE_WINDOW)) {
            if (once) {
                view.look();
                long t0 = System.nanoTime();
                TimeUnit.MILLISECONDS.sleep(ONCE_SPAN.toMillis());
                List<StageRow> rows = view.look();
                ctx.out().print(frame(rows, String.format(Locale.ROOT, "rates over the last %.1f s",
                        (System.nanoTime() - t0) / 1e9)));
                return 0;
            }
            boolean tty = Terminal.interactive();
            String note = "rates over the last " + RATE_WINDOW.toSeconds() + " s · Ctrl-C to stop";
            if (tty) {
                ctx.out().print(Terminal.startScreen());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> ctx.out().print(Terminal.endScreen())));
            }
            while (true) {
                long next = System.nanoTime() + REFRESH.toNanos();
                String frame = frame(view.look(), note);
                ctx.out().print(tty ? Terminal.redraw(frame) : frame + "\n");
                ctx.out().flush();
                TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
            }
        }
    }

    /** The stages {@code up} started (it leaves a pid file per service), in pipeline order. */
    private static List<ServiceSpec> stagesStarted(Context ctx) {
        Set<String> started = PidFile.readAll(ctx.paths().pids()).stream().map(PidFile::component)
                .collect(Collectors.toSet());
        List<ServiceSpec> stages = ServiceCatalog.ALL.stream()
                .filter(s -> s.name().startsWith("stage-") && started.contains(s.name())).toList();
        if (stages.isEmpty()) {
            throw new Failure("no stage was started by ./platform up (see ./platform status)");
        }
        return stages;
    }

    static String frame(List<StageRow> rows, String note) {
        return "pipeline at " + LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS) + " UTC · " + note + "\n"
                + WatchTable.render(rows);
    }
}
