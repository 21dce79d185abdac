package io.spinloop.app.train;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.autodiff.MatMulKernels;
import io.spinloop.autodiff.Parameter;
import io.spinloop.autodiff.SparseWeights;
import io.spinloop.lab.config.Limits;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.network.MultilayerNetwork;
import io.spinloop.training.network.NetworkConfig;
import io.spinloop.training.neuron.FloatOscillatorStep;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinloop benchmark train}: median wall time of one training epoch of the default network (the
 * seed's 3 x 32 network, all training images, 64 steps, one integration step per input interval), the
 * FLOP rates it implies (products actually performed, and dense-equivalent), the peak heap, and the
 * per-step product as plain loops, EJML and the sparse kernel the training uses.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Training speed: median epoch time of the default network, FLOP rates (performed and dense-equivalent), peak heap, product kernels.")
public final class TrainBenchmarkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "spintronic", description = "spintronic or ctrnn (default: ${DEFAULT-VALUE}).")
    ModelKind model;

    @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    // 30: the Vector API's kernels run C2's interim code for some 20 epochs (float32 with SPINLOOP_VECTOR_API=1: median
    // 0.060 s after 6 warm-up epochs, 0.038 s after 20, 0.036 s after 40); the plain kernels are steady after about 5.
    @Option(names = "--warmup", defaultValue = "30", description = "Epochs run before timing, for the JIT to reach steady state (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--epochs", defaultValue = "9", description = "Timed epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--precision", defaultValue = "float64", paramLabel = "P",
            converter = io.spinloop.app.cli.KernelPrecisionConverter.class,
            description = "Arithmetic of the layers' pass: float64 or float32 (default: ${DEFAULT-VALUE}).")
    io.spinloop.twin.model.KernelPrecision precision;

    @Override
    public Integer call() {
        OptionChecks.threads("--threads", threads);
        OptionChecks.between("--warmup", warmup, 0, Limits.MAX_EPOCHS);
        OptionChecks.epochs("--epochs", epochs);
        PrintWriter o = spec.commandLine().getOut();
        TrainingConfig c = TrainingConfig.defaults(model).withThreads(threads).withEpochs(warmup + epochs)
                .withPrecision(precision);
        SequenceDataset.Split d = RunDirectory.data(c);
        double[] secs = new double[epochs];
        double[] cpu = new double[epochs];
        Work work;
        try (Trainer t = new Trainer(c, d.train(), d.test())) {
            for (int e = 0; e < warmup; e++) {
                t.runEpoch(false);
            }
            for (int e = 0; e < epochs; e++) {
                long c0 = JitSettings.processCpuNanos();
                secs[e] = t.runEpoch(false).seconds();
                cpu[e] = (JitSettings.processCpuNanos() - c0) * 1e-9;
            }
            work = Work.of(t.network(), d.train().size(), d.train().sequences()[0].length / c.networkConfig().inputs());
        }
        long peak = PeakHeap.bytes();
        Quartiles q = Quartiles.of(secs);
        int n = c.neurons();
        o.printf(Locale.ROOT, "model %s, %d x %d neurons, %d training images, %d steps, %d thread(s), batch %d, %s%n",
                model.name().toLowerCase(Locale.ROOT), c.layers(), n, work.images, work.steps, threads, c.batchSize(),
                precision.configName());
        o.printf(Locale.ROOT, "epoch time: median %.3f s (quartiles %.3f .. %.3f, %d timed epochs after %d warm-up)%n",
                q.median(), q.q1(), q.q3(), epochs, warmup);
        Quartiles qc = Quartiles.of(cpu);
        o.printf(Locale.ROOT, "epoch CPU time of the process (all threads; less disturbed by other jobs): median %.3f s "
                + "(quartiles %.3f .. %.3f); JIT loop unroll limit %s; weight-gradient kernel %s; float kernel %s; "
                + "float oscillator step %s%n",
                qc.median(), qc.q1(), qc.q3(), JitSettings.loopUnrollLimit(), SparseWeights.weightGradientKernel(),
                SparseWeights.floatKernel(), FloatOscillatorStep.SELECTED.name());
        o.printf(Locale.ROOT, "products performed per epoch (kept synapses only, forward + input and weight gradients): "
                + "%.3g FLOP -> %.2f GFLOP/s%n", work.sparseFlops, work.sparseFlops / q.median() / 1e9);
        o.printf(Locale.ROOT, "dense-equivalent (as if every masked entry were multiplied): %.3g FLOP -> %.2f GFLOP/s%n",
                work.denseFlops, work.denseFlops / q.median() / 1e9);
        o.printf(Locale.ROOT, "peak heap of the run: %.0f MB (sum of the heap pools' peaks, uncollected garbage included)%n",
                peak / 1e6);
        kernels(o, c.batchSize() / threads, n, c.densityIntra());
        kernels(o, c.batchSize(), n, c.densityIntra());
        return 0;
    }

    /**
     * Multiply-adds of one training epoch in the layers' products, counted from the network's masks:
     * per image and step, each weight matrix once forward and once for its weight gradient, and once for
     * its input gradient except the input layer's (the data needs none); the readout once per image, three
     * times. Element-wise work (the neurons, the filters) is not counted.
     */
    private record Work(long images, long steps, double sparseFlops, double denseFlops) {
        static Work of(MultilayerNetwork net, long images, long steps) {
            NetworkConfig nc = net.config();
            long kept = 0;
            long dense = 0;
            long firstInput = 0;
            for (Parameter p : net.parameters().list()) {
                if (p.name().startsWith("layer") && !p.name().endsWith(".bias")) {
                    kept += p.trainableCount();
                    dense += p.value().size();
                    if (p.name().equals("layer0.w_in")) {
                        firstInput = p.trainableCount();
                    }
                }
            }
            long readout = (long) nc.neurons() * nc.classes();
            double sparse = 2.0 * images * (steps * (3 * kept - firstInput) + 3 * readout);
            double denseEq = 2.0 * images * (steps * 3 * dense + 3 * readout);
            return new Work(images, steps, sparse, denseEq);
        }
    }

    /**
     * (rows x n) · (n x n), the per-step product: plain dense loops, EJML's CommonOps_DDRM.mult, and the
     * sparse feature-major kernel the training uses at the given density.
     */
    private static void kernels(PrintWriter o, int rows, int n, double density) {
        Random rng = new Random(1);
        double[] x = new double[rows * n];
        double[] w = new double[n * n];
        double[] y = new double[rows * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble();
        }
        double[] mask = new double[n * n];
        for (int i = 0; i < w.length; i++) {
            mask[i] = rng.nextDouble() < density ? 1.0 : 0.0;
            w[i] = rng.nextDouble() * mask[i];
        }
        SparseWeights sparse = SparseWeights.of(n, n, mask);
        double[] packed = new double[sparse.kept()];
        sparse.gather(w, 1.0, packed);
        double[][] xf = new double[n][rows];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < n; k++) {
                xf[k][r] = x[r * n + k];
            }
        }
        double[][] yf = new double[n][rows];
        DMatrixRMaj mx = DMatrixRMaj.wrap(rows, n, x);
        DMatrixRMaj mw = DMatrixRMaj.wrap(n, n, w);
        DMatrixRMaj my = new DMatrixRMaj(rows, n);
        int reps = 2000;
        double[] plain = new double[15];
        double[] ejml = new double[15];
        double[] sp = new double[15];
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
            for (int r = 0; r < reps; r++) {
                for (double[] row : yf) {
                    Arrays.fill(row, 0.0);
                }
                sparse.multiplyAdd(packed, xf, rows, yf);
            }
            long t3 = System.nanoTime();
            if (round >= 5) {
                plain[round - 5] = (t1 - t0) / 1e3 / reps;
                ejml[round - 5] = (t2 - t1) / 1e3 / reps;
                sp[round - 5] = (t3 - t2) / 1e3 / reps;
            }
        }
        double diff = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < n; c++) {
                diff = Math.max(diff, Math.abs(y[r * n + c] - my.data[r * n + c]));
                diff = Math.max(diff, Math.abs(y[r * n + c] - yf[c][r]));
            }
        }
        double pm = Quartiles.of(plain).median();
        double em = Quartiles.of(ejml).median();
        double sm = Quartiles.of(sp).median();
        double dense = 2.0 * rows * n * n;
        o.printf(Locale.ROOT, "product (%d x %d)(%d x %d): plain loops %.2f us (%.2f GFLOP/s), EJML %.2f us (%.2f GFLOP/s), "
                + "sparse feature-major at density %.2f %.2f us (%.2f GFLOP/s performed), max diff %.1e%n",
                rows, n, n, n, pm, dense / pm / 1e3, em, dense / em / 1e3, density, sm,
                2.0 * rows * sparse.kept() / sm / 1e3, diff);
    }
}
