package io.spinloop.app.train;

import io.spinloop.autodiff.MatMulKernels;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.run.ModelKind;
import io.spinloop.training.run.PeakHeap;
import io.spinloop.training.run.RunDirectory;
import io.spinloop.training.run.Trainer;
import io.spinloop.training.run.TrainingConfig;
import io.spinloop.training.study.Quartiles;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code spinloop benchmark train}: median wall time of one training epoch of the default network (the
 * seed's 3 x 32 network, all training images, 64 steps, one integration step per input interval), the
 * FLOP rate it implies, the peak heap, and the 32x32 product kernel against EJML.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Training speed: median epoch time of the default network, implied FLOP rate, peak heap, EJML vs plain loops.")
public final class TrainBenchmarkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "spintronic", description = "spintronic or ctrnn (default ${DEFAULT-VALUE}).")
    ModelKind model;

    @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "3", description = "Epochs run before timing, for the JIT (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--epochs", defaultValue = "9", description = "Timed epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        TrainingConfig c = TrainingConfig.defaults(model).withThreads(threads).withEpochs(warmup + epochs);
        SequenceDataset.Split d = RunDirectory.data(c);
        double[] secs = new double[epochs];
        try (Trainer t = new Trainer(c, d.train(), d.test())) {
            for (int e = 0; e < warmup; e++) {
                t.runEpoch(false);
            }
            for (int e = 0; e < epochs; e++) {
                secs[e] = t.runEpoch(false).seconds();
            }
        }
        Quartiles q = Quartiles.of(secs);
        // Dense-equivalent multiply-adds per image and time step: each layer's input and intralayer products
        // (the kernels multiply the masked zeros too) plus the readout once per image; backward costs two
        // products per forward one (input and weight gradients).
        int n = c.neurons();
        long macForwardStep = (long) c.layers() * n * n + (c.layers() - 1L) * n * n + n;
        long steps = 64;
        long images = d.train().size();
        double macForward = (double) images * (steps * macForwardStep + n * 10L);
        double flops = 2 * 3 * macForward;
        o.printf(Locale.ROOT, "model %s, %d x %d neurons, %d training images, 64 steps, %d thread(s)%n",
                model.name().toLowerCase(Locale.ROOT), c.layers(), n, images, threads);
        o.printf(Locale.ROOT, "epoch time: median %.3f s (quartiles %.3f .. %.3f, %d timed epochs after %d warm-up)%n",
                q.median(), q.q1(), q.q3(), epochs, warmup);
        o.printf(Locale.ROOT, "work per epoch: %.3g dense-equivalent FLOP (forward + backward products) -> %.2f GFLOP/s%n",
                flops, flops / q.median() / 1e9);
        o.printf(Locale.ROOT, "peak heap: %.0f MB%n", PeakHeap.bytes() / 1e6);
        kernels(o, c.batchSize() / threads, n);
        kernels(o, c.batchSize(), n);
        return 0;
    }

    /** (rows x n) · (n x n), the per-step product, with plain loops and with EJML's CommonOps_DDRM.mult. */
    private static void kernels(PrintWriter o, int rows, int n) {
        Random rng = new Random(1);
        double[] x = new double[rows * n];
        double[] w = new double[n * n];
        double[] y = new double[rows * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextDouble();
        }
        DMatrixRMaj mx = DMatrixRMaj.wrap(rows, n, x);
        DMatrixRMaj mw = DMatrixRMaj.wrap(n, n, w);
        DMatrixRMaj my = new DMatrixRMaj(rows, n);
        int reps = 2000;
        double[] plain = new double[15];
        double[] ejml = new double[15];
        for (int round = 0; round < 20; round++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                MatMulKernels.multiply(x, rows, n, w, n, y, false);
            }
            long t1 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                CommonOps_DDRM.mult(mx, mw, my);
            }
            long t2 = System.nanoTime();
            if (round >= 5) {
                plain[round - 5] = (t1 - t0) / 1e3 / reps;
                ejml[round - 5] = (t2 - t1) / 1e3 / reps;
            }
        }
        double diff = 0;
        for (int i = 0; i < y.length; i++) {
            diff = Math.max(diff, Math.abs(y[i] - my.data[i]));
        }
        double pm = Quartiles.of(plain).median();
        double em = Quartiles.of(ejml).median();
        o.printf(Locale.ROOT, "product (%d x %d)(%d x %d): plain loops %.2f us (%.2f GFLOP/s), EJML %.2f us (%.2f GFLOP/s), max diff %.1e%n",
                rows, n, n, n, pm, 2.0 * rows * n * n / pm / 1e3, em, 2.0 * rows * n * n / em / 1e3, diff);
        Arrays.fill(y, 0);
    }
}
