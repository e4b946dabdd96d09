package net.metacircular.mcp.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Samples of one quantity, with the order statistics the table prints: median, min, max and percentiles. */
public record Stats(List<Double> values) {
    public Stats {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        values = List.copyOf(sorted);
    }

    static Stats of(List<Double> values) {
        return new Stats(values);
    }

    double median() {
        return percentile(50);
    }

    double min() {
        return values.getFirst();
    }

    double max() {
        return values.getLast();
    }

    int count() {
        return values.size();
    }

    /** The nearest-rank percentile: the smallest sample with at least {@code p} % of the samples at or below it. */
    double percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * values.size());
        return values.get(Math.clamp(rank - 1, 0, values.size() - 1));
    }

    /** Element-wise quotients of paired samples (run i of {@code a} ÷ run i of {@code b}), before sorting. */
    static Stats ratios(List<Double> a, List<Double> b) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            r.add(a.get(i) / b.get(i));
        }
        return new Stats(r);
    }

    /** {@code median [min–max]} of millisecond samples, in ms or s. */
    String ms() {
        return Format.ms(median()) + " [" + Format.ms(min()) + "–" + Format.ms(max()) + "]";
    }

    /** {@code median [min–max]} of dimensionless samples (ratios). */
    String ratio() {
        return Format.num(median()) + " [" + Format.num(min()) + "–" + Format.num(max()) + "]";
    }
}
