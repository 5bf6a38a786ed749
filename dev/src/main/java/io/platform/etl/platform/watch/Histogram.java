package io.platform.etl.platform.watch;

import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * A Prometheus histogram as cumulative bucket counts by upper bound ({@code le}, in the meter's unit), the last
 * bound {@code +Inf}.
 */
public record Histogram(NavigableMap<Double, Double> cumulative) {

    public static final Histogram EMPTY = new Histogram(new TreeMap<>());

    public Histogram {
        cumulative = new TreeMap<>(cumulative);
    }

    public double count() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }

    /**
     * The observations made since {@code older} (bucket by bucket). A bucket that went down means the service
     * restarted: then its counts since the restart are all there is.
     */
    public Histogram since(Histogram older) {
        NavigableMap<Double, Double> delta = new TreeMap<>();
        boolean reset = cumulative.entrySet().stream()
                .anyMatch(e -> e.getValue() < older.cumulative.getOrDefault(e.getKey(), 0.0));
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            delta.put(e.getKey(), reset ? e.getValue() : e.getValue() - older.cumulative.getOrDefault(e.getKey(), 0.0));
        }
        return new Histogram(delta);
    }

    /**
     * The {@code q}-quantile the way Prometheus' {@code histogram_quantile} estimates it: find the bucket holding
     * rank {@code q * count} and interpolate linearly inside it (from 0 for the first bucket); a rank in the
     * {@code +Inf} bucket answers the largest finite bound. Empty when nothing was observed.
     */
    public OptionalDouble quantile(double q) {
        double total = count();
        if (total <= 0) {
            return OptionalDouble.empty();
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            double upperBound = bucket.getKey();
            double upperCount = bucket.getValue();
            if (upperCount >= rank) {
                if (Double.isInfinite(upperBound)) {
                    return OptionalDouble.of(lowerBound);
                }
                double inBucket = upperCount - lowerCount;
                double fraction = inBucket <= 0 ? 1 : (rank - lowerCount) / inBucket;
                return OptionalDouble.of(lowerBound + (upperBound - lowerBound) * fraction);
            }
            lowerBound = upperBound;
            lowerCount = upperCount;
        }
        return OptionalDouble.of(lowerBound);
    }
}
