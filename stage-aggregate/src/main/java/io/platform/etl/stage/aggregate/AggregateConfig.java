package io.platform.etl.stage.aggregate;

import io.platform.etl.model.spec.LateDataHandling;
import io.platform.etl.model.spec.OutputMode;
import io.platform.etl.model.spec.StageConfig;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.model.spec.WindowSpec;
import io.platform.etl.model.spec.WindowType;
import io.platform.etl.stage.aggregate.accumulate.AggregationPlan;
import io.platform.etl.stage.aggregate.accumulate.ResultFormat;
import io.platform.etl.stage.aggregate.group.GroupKey;
import io.platform.etl.stage.aggregate.window.TumblingWindows;

/**
 * Everything the aggregate processor needs, compiled from the spec and {@code aggregate.*}.
 *
 * @param stage          stage name (metrics, late headers)
 * @param lateTopic      the late-data topic (spec {@code late_data_topic} + topic suffix)
 */
public record AggregateConfig(String stage, TumblingWindows windows, GroupKey groups, AggregationPlan plan,
                              ResultFormat format, OutputMode outputMode, LateDataHandling lateHandling,
                              long lateRetentionMillis, long emitIntervalMillis, long idleCloseMillis,
                              int closeBatch, String lateTopic) {

    /** @throws IllegalArgumentException naming the spec field when the spec asks for what the stage cannot do */
    public static AggregateConfig from(StreamingPipeline pipeline, String stageName, StageConfig.Aggregate config,
                                       AggregateSettings settings, String topicSuffix) {
        WindowSpec window = pipeline.spec().processing().window();
        if (window == null) {
            window = WindowSpec.DEFAULTS;
        }
        if (window.type() != WindowType.TUMBLING) {
            throw new IllegalArgumentException("spec.processing.window.type: \"" + window.type()
                    + "\" is not supported by the aggregate stage; only \"tumbling\" is");
        }
        TumblingWindows windows = TumblingWindows.of(window.duration(), window.allowedLateness());
        GroupKey groups = new GroupKey(config.groupBy());
        AggregationPlan plan = AggregationPlan.compile(config.aggregations(), ResultFormat.reservedNames(groups));
        return new AggregateConfig(stageName, windows, groups, plan, new ResultFormat(windows, groups, plan),
                config.outputMode(), pipeline.spec().lateDataHandling(), settings.lateRetention().toMillis(),
                settings.emitInterval().toMillis(), settings.idleCloseTimeout().toMillis(), settings.closeBatch(),
                pipeline.topics().lateTopic() + topicSuffix);
    }
}
