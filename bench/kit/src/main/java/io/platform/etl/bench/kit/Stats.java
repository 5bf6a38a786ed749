package io.platform.etl.bench.kit;

import java.util.Arrays;

/** Order statistics of a benchmark's few samples. */
public final class Stats {

    private Stats() {
    }

    /** The middle value, the mean of the two middle ones for an even count, NaN for none. */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Nearest-rank percentile of sorted microseconds, in milliseconds; NaN for none. */
    public static double percentileMillis(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sortedMicros.length);
        return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, rank - 1))] / 1000.0;
    }
}
