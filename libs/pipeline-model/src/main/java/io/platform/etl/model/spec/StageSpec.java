package io.platform.etl.model.spec;

/**
 * One entry of {@code spec.processing.stages}.
 *
 * @param config    typed by {@link #type()}: {@link StageConfig.Deserialize}, {@link StageConfig.Filter},
 *                  {@link StageConfig.Deduplicate}, {@link StageConfig.Enrich}, {@link StageConfig.Aggregate}
 * @param database  free-form database hints of the spec; null when absent
 * @param resources null when absent
 * @param scaling   null when absent
 */
public record StageSpec(String name, StageType type, StageConfig config, boolean checkpoint, boolean sensitive,
                        DatabaseSpec database, Resources resources, Scaling scaling) {

    /** The config cast to the expected class. */
    public <C extends StageConfig> C config(Class<C> type) {
        return type.cast(config);
    }

    /** {@code resources}: Kubernetes quantities ({@code "300m"}, {@code "1.5Gi"}). */
    public record Resources(String cpu, String memory) {
    }

    /** {@code scaling}: HPA bounds and target CPU utilisation in percent. */
    public record Scaling(int minReplicas, int maxReplicas, int targetCpu) {
    }
}
