package io.platform.etl.platform.watch;

import io.platform.etl.platform.service.ServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Takes one look at every stage (its {@code /prometheus} and its group's lag on the broker) and turns it into the
 * rows of the live view, keeping the recent readings so rates cover the given window.
 */
public final class PipelineView implements AutoCloseable {

    private final Map<ServiceSpec, Integer> stages;
    private final MetricsScraper scraper;
    private final LagProbe lag;
    private final Map<ServiceSpec, ReadingHistory> histories = new HashMap<>();

    /**
     * @param stages the stage services in pipeline order, with the port their metrics are on
     * @param window how far back rates and latency reach
     */
    public PipelineView(Map<ServiceSpec, Integer> stages, MetricsScraper scraper, LagProbe lag, Duration window) {
        this.stages = new LinkedHashMap<>(stages);
        this.scraper = scraper;
        this.lag = lag;
        stages.keySet().forEach(s -> histories.put(s, new ReadingHistory(window)));
    }

    public List<StageRow> look() throws InterruptedException {
        Map<ServiceSpec, Optional<StageReading>> readings = new LinkedHashMap<>();
        for (Map.Entry<ServiceSpec, Integer> stage : stages.entrySet()) {
            readings.put(stage.getKey(), scraper.read(stage.getValue()));
        }
        Map<ServiceSpec, String> names = new HashMap<>();
        readings.forEach((service, reading) -> names.put(service,
                reading.map(StageReading::stage).orElse(service.name().replaceFirst("^stage-", ""))));
        Map<String, OptionalLong> lags = lag.lagByStage(names.values());
        List<StageRow> rows = new ArrayList<>();
        for (Map.Entry<ServiceSpec, Optional<StageReading>> e : readings.entrySet()) {
            String name = names.get(e.getKey());
            OptionalLong stageLag = lags.getOrDefault(name, OptionalLong.empty());
            ReadingHistory history = histories.get(e.getKey());
            if (e.getValue().isEmpty()) {
                history.clear();
                rows.add(StageRow.unreadable(name, "down", stageLag));
            } else {
                StageReading now = e.getValue().get();
                rows.add(StageRow.of(name, history.add(now), now, stageLag));
            }
        }
        return rows;
    }

    @Override
    public void close() {
        lag.close();
    }
}
