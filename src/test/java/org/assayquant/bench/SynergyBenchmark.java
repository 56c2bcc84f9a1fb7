package org.assayquant.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.assayquant.core.synergy.DoseMatrix;
import org.assayquant.core.synergy.SynergyAnalysis;

/**
 * Speed of the synergy core on a 10 x 10 matrix (9 doses + 0 of each drug, 3 replicates): all
 * models once, then with 1000 bootstrap resamples (issue 7 targets: 50 ms and 2 s). Not a test:
 * run with {@code java -cp target/assayquant-cli.jar:target/test-classes org.assayquant.bench.SynergyBenchmark}.
 */
public final class SynergyBenchmark {
    public static void main(String[] args) {
        DoseMatrix m = matrix();
        for (int i = 0; i < 20; i++) SynergyAnalysis.run(m, 0, 1); // warm up
        SynergyAnalysis.run(m, 1000, 1);
        int n = 50;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) SynergyAnalysis.run(m, 0, 1);
        double once = (System.nanoTime() - t0) / 1e6 / n;
        long t1 = System.nanoTime();
        int k = 3;
        for (int i = 0; i < k; i++) SynergyAnalysis.run(m, 1000, i + 1);
        double boot = (System.nanoTime() - t1) / 1e6 / k;
        System.out.printf(java.util.Locale.ROOT, "10x10, 3 replicates, all models: %.1f ms; with 1000 bootstrap resamples: %.0f ms (%d cores)%n",
                once, boot, Runtime.getRuntime().availableProcessors());
    }

    static DoseMatrix matrix() {
        Random rnd = new Random(1);
        List<DoseMatrix.Measurement> ms = new ArrayList<>();
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 10; j++) {
                double a = j == 0 ? 0 : Math.pow(2, j - 4), b = i == 0 ? 0 : Math.pow(2, i - 5);
                double fa = a == 0 ? 0 : 0.95 / (1 + Math.pow(1.5 / a, 1.3)), fb = b == 0 ? 0 : 0.8 / (1 + Math.pow(0.7 / b, 1.1));
                double f = fa + fb - fa * fb + (a > 0 && b > 0 ? 0.05 * Math.sqrt(fa * fb) : 0);
                for (int r = 0; r < 3; r++) ms.add(new DoseMatrix.Measurement(a, b, f + 0.03 * rnd.nextGaussian()));
            }
        return DoseMatrix.of(ms);
    }
}
