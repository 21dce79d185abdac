package io.spinloop.app.benchmark;

import io.spinloop.app.twin.EmulatedSequences;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.TeacherSequences;
import io.spinloop.twin.fit.FitOptions;
import io.spinloop.twin.fit.FitResult;
import io.spinloop.twin.fit.NeuralSdeFit;
import io.spinloop.twin.model.KernelPrecision;
import io.spinloop.twin.model.NeuralSdeArchitecture;
import io.spinloop.twin.validate.ValidationReport;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs of {@code spinloop benchmark twin}: S x R x T sequences from the emulator's physics, then {@code runs}
 * times a neural-SDE fit (wall and CPU time) and a sample of N trajectories through the fitted twin; optionally the
 * deterministic twin for comparison. Progress goes to standard error.
 */
final class TwinBenchmark {
    /** Times of each run, the last fit, the deterministic twin's validation (or null), the data's regime. */
    record Result(double[] fitWall, double[] fitCpu, double[] epochWall, double[] epochCpu, double[] sampleWall, FitResult last,
            ValidationReport deterministic, String regime) {
    }

    private final int sequences;
    private final int repeats;
    private final int length;
    private final double dwell;
    private final int trajectories;
    private final int threads;
    private final int driveHistory;
    private final KernelPrecision precision;

    TwinBenchmark(int sequences, int repeats, int length, double dwell, int trajectories, int threads, int driveHistory,
            KernelPrecision precision) {
        this.precision = precision;
        this.sequences = sequences;
        this.repeats = repeats;
        this.length = length;
        this.dwell = dwell;
        this.trajectories = trajectories;
        this.threads = threads;
        this.driveHistory = driveHistory;
    }

    Result run(int runs, boolean compare) {
        EmulatedSequences gen = new EmulatedSequences(DeviceParameters.defaults(), 42, dwell, 0);
        SequenceData data = gen.play(sequences, repeats, length, 0.5e-3, 2.5e-3, 1);
        String regime = gen.physicallyMeasurable() ? "quasi-static (1 ms SourceMeter steps)" : "dynamic (limits lifted)";
        System.err.printf("data: %d x %d x %d from the emulator's physics, %s%n", sequences, repeats, length, regime);
        double[] fitWall = new double[runs];
        double[] fitCpu = new double[runs];
        double[] sampleWall = new double[runs];
        double[] epochWall = new double[runs];
        double[] epochCpu = new double[runs];
        FitResult last = null;
        for (int r = 0; r < runs; r++) {
            FitOptions opt = FitOptions.defaults().withSeed(r + 1).withThreads(threads).withPrecision(precision);
            long cpu0 = processCpuNanos();
            // Epoch time from the fit's per-epoch progress lines: the gaps between them (training and held-out loss,
            // not the final validation), without the first epoch (JIT warm-up).
            List<Long> epochEnds = new ArrayList<>();
            List<Long> epochCpuEnds = new ArrayList<>();
            last = NeuralSdeFit.fit(data, NeuralSdeArchitecture.standard().withDriveHistory(driveHistory), opt, s -> {
                if (s.startsWith("epoch ")) {
                    epochEnds.add(System.nanoTime());
                    epochCpuEnds.add(processCpuNanos());
                }
            });
            epochWall[r] = medianGap(epochEnds);
            epochCpu[r] = medianGap(epochCpuEnds);
            fitWall[r] = last.seconds();
            fitCpu[r] = (processCpuNanos() - cpu0) * 1e-9;
            System.err.printf("run %d: fit %.2f s wall (%.2f s CPU incl. validation), %d epochs (median %.3f s, %.3f s CPU), %s%n",
                    r + 1, fitWall[r], fitCpu[r], last.heldOutLosses().size(), epochWall[r], epochCpu[r],
                    last.validation().passes(1.5) ? "passes 1.5x floor" : "FAILS 1.5x floor");
            DigitalTwin twin = last.twin();
            double[][] drives = TeacherSequences.randomDrives(trajectories, length, 0.5e-3, 2.5e-3, 3, 99 + r);
            long s0 = System.nanoTime();
            twin.sample(drives, 1, r, true);
            sampleWall[r] = (System.nanoTime() - s0) * 1e-9;
            System.err.printf("run %d: sample %d x %d steps in %.3f s%n", r + 1, trajectories, length, sampleWall[r]);
        }
        ValidationReport det = null;
        if (compare) {
            det = NeuralSdeFit.fit(data, NeuralSdeArchitecture.standard().withDriveHistory(driveHistory).withoutDiffusion(),
                    FitOptions.defaults().withSeed(1).withThreads(threads).withPrecision(precision), s -> { }).validation();
        }
        return new Result(fitWall, fitCpu, epochWall, epochCpu, sampleWall, last, det, regime);
    }

    /** Median of the gaps between successive times (NaN with fewer than two). */
    static double medianGap(List<Long> times) {
        if (times.size() < 2) {
            return Double.NaN;
        }
        double[] gaps = new double[times.size() - 1];
        for (int i = 1; i < times.size(); i++) {
            gaps[i - 1] = (times.get(i) - times.get(i - 1)) * 1e-9;
        }
        java.util.Arrays.sort(gaps);
        int n = gaps.length;
        return n % 2 == 1 ? gaps[n / 2] : 0.5 * (gaps[n / 2 - 1] + gaps[n / 2]);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
