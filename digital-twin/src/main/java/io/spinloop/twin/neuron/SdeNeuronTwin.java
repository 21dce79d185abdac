package io.spinloop.twin.neuron;

import io.spinloop.autodiff.ElementwiseOps;
import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.DigitalTwin;
import io.spinloop.twin.Normalisation;
import io.spinloop.twin.SampleStepper;
import io.spinloop.twin.file.TwinRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A neuron whose twin is the twin module's fit ({@link DigitalTwin}, e.g. a neural SDE loaded from a twin file),
 * fitted to the power the device's zero span read in its calibration sequences.
 *
 * <p>The twin was fitted at one list point per step (its sample interval, about 18 ms), so its drift learned how the
 * reading follows the drive from one point to the next, and its diffusion the reading's noise. A neuron evaluation
 * is one list point at drive I: the twin's stationary reading under I plus its noise ({@link #step}); the power
 * it ends at becomes an activation through the device's {@link ReadingScale}: for a twin fitted in log power
 * (its state the reading in dB) an affine map; for one fitted in W, the logarithm of the power, clamped below at
 * {@link #FLOOR_ACTIVATION} so a power the Gaussian step drives below zero still has a logarithm. Every op is on the
 * tape, so the slope dh/dI is the twin's own derivative. The caller's {@code dt} is ignored: the twin knows only the
 * step it was fitted at.
 */
public final class SdeNeuronTwin implements NeuronTwin {
    /** Noiseless steps iterated towards the stationary state. */
    static final int FIXED_POINT_STEPS = 60;
    /** Newton steps that refine the fixed point after the plain iteration. */
    private static final int NEWTON_STEPS = 4;
    /** Grid of drives on which the fixed points are tabulated. */
    private static final int TABLE_POINTS = 2001;
    /** State step (normalised units) of the finite difference for the drift's slope at the fixed point. */
    private static final double JACOBIAN_STEP = 1e-4;
    /** Lowest activation the twin reports (half a reading span below the calibration floor). */
    public static final double FLOOR_ACTIVATION = -0.5;

    private final String device;
    private final DigitalTwin twin;
    private final double lo;
    private final double hi;
    private final ReadingScale scale;

    public SdeNeuronTwin(String device, DigitalTwin twin, double loA, double hiA, ReadingScale scale) {
        if (!(hiA > loA)) {
            throw new IllegalArgumentException(device + ": twin window needs lo < hi, got " + loA + ", " + hiA);
        }
        if (twin.model().inputSize() != 1 || twin.model().observationSize() != 1) {
            throw new IllegalArgumentException(device + ": a neuron twin needs one input (drive) and one observation "
                    + "(power), got " + twin.model().inputSize() + " and " + twin.model().observationSize());
        }
        this.device = device;
        this.twin = twin;
        this.lo = loA;
        this.hi = hiA;
        this.scale = scale;
    }

    /** Provenance attributes that make a twin file self-describing as a neuron (read back by {@link #of}). */
    public static Map<String, Object> neuronProvenance(String device, double loA, double hiA, ReadingScale scale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("neuron_device", device);
        m.put("neuron_window_low_A", loA);
        m.put("neuron_window_high_A", hiA);
        m.put("neuron_floor_dBm", scale.floorDbm());
        m.put("neuron_span_dB", scale.spanDb());
        return m;
    }

    /** The neuron a twin file describes; a file without the neuron attributes is refused, naming the missing one. */
    public static SdeNeuronTwin of(TwinRecord record, String source) {
        Map<String, Object> p = record.provenance();
        return new SdeNeuronTwin(text(p, "neuron_device", source), record.twin(),
                number(p, "neuron_window_low_A", source), number(p, "neuron_window_high_A", source),
                new ReadingScale(number(p, "neuron_floor_dBm", source), number(p, "neuron_span_dB", source)));
    }

    private static String text(Map<String, Object> p, String key, String source) {
        Object v = p.get(key);
        if (v == null) {
            throw new IllegalArgumentException(source + ": /meta/provenance/@" + key + " missing: not a neuron twin "
                    + "(written by spinloop demo or a chip calibration)");
        }
        return String.valueOf(v);
    }

    private static double number(Map<String, Object> p, String key, String source) {
        return provenanceNumber(p, key, source);
    }

    /**
     * A finite number a neuron twin file's provenance holds under {@code key} (jHDF may hand back a one-element
     * array); anything else is refused naming {@code source} and the attribute.
     */
    public static double provenanceNumber(Map<String, Object> p, String key, String source) {
        Object v = p.get(key);
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        if (v instanceof double[] a && a.length == 1 && Double.isFinite(a[0])) {
            return a[0];
        }
        if (v instanceof int[] a && a.length == 1) {
            return a[0];
        }
        throw new IllegalArgumentException(source + ": /meta/provenance/@" + key + (v == null ? " missing" : " is not a "
                + "finite number (" + v + ")") + ": not a neuron twin (written by spinloop demo or a chip calibration)");
    }

    public DigitalTwin twin() {
        return twin;
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public double lowA() {
        return lo;
    }

    @Override
    public double highA() {
        return hi;
    }

    @Override
    public ReadingScale scale() {
        return scale;
    }

    @Override
    public String kind() {
        return twin.model().kind();
    }

    @Override
    public int stateSize() {
        return twin.model().stateSize();
    }

    @Override
    public int inputSize() {
        return 1;
    }

    @Override
    public int noiseSize() {
        return twin.model().noiseSize();
    }

    @Override
    public Parameters parameters() {
        return twin.model().parameters();
    }

    private Tensor normalisedDrive(Tape tape, Tensor uA) {
        Normalisation n = twin.normalisation();
        return ElementwiseOps.scale(tape, ElementwiseOps.shift(tape, uA, -n.driveOffset()), 1 / n.driveScale());
    }

    @Override
    public Tensor initialState(Tape tape, Tensor u0) {
        return twin.model().initialState(tape, normalisedDrive(tape, u0));
    }

    /**
     * The reading at one list point: the twin's stationary state x* under drive I (its noiseless steps iterated to
     * the fixed point), then one step from x* with noise. A fitted drift need not relax fully in one step (slope
     * J = ∂step/∂x at x*, 0 for full relaxation), so the step's noise is scaled to the stationary spread
     * ({@code 1/√(1 − J²)}, the spread of the twin's own free-running rollouts) and the slope dh/dI to the
     * fixed point's ({@code (∂step/∂I)/(1 − J)}, implicit function theorem). Needs a one-state model.
     */
    @Override
    public Tensor step(Tape tape, Tensor x, Tensor uA, double dtIgnored, Tensor xi) {
        if (stateSize() != 1) {
            throw new IllegalStateException(device + ": a neuron twin needs a one-state model, this one has "
                    + stateSize() + " states");
        }
        Tensor u = normalisedDrive(tape, uA);
        if (table().tabulated) {
            return tabulatedStep(tape, u, xi, table());
        }
        return throughModel(tape, u, xi);
    }

    /**
     * The step of {@link #step} read off the table: x = x*(u) + σ(u)·ξ, both interpolated linearly between grid
     * points, with σ the stationary spread of the step's noise. The same numbers as running the model at the fixed
     * point, without running its networks (and their backward pass) for every neuron evaluation; the slope is the
     * table's, d(x*)/du + ξ·dσ/du.
     */
    private Tensor tabulatedStep(Tape tape, Tensor u, Tensor xi, FixedPoints t) {
        int n = u.rows();
        Tensor out = tape.newTensor(n, 1, u, xi);
        double[] ud = u.data();
        int[] cell = new int[n];
        for (int i = 0; i < n; i++) {
            double pos = (ud[i] - t.from) / t.step;
            int k = Math.max(0, Math.min(t.values.length - 2, (int) Math.floor(pos)));
            double f = pos - k; // outside the table (beyond the window's margin): extrapolated from the end cell
            cell[i] = k;
            double[] a = t.values[k];
            double[] b = t.values[k + 1];
            double z = xi == null ? 0 : xi.data()[i];
            out.data()[i] = a[0] + f * (b[0] - a[0]) + (a[3] + f * (b[3] - a[3])) * z;
        }
        tape.record(out, () -> {
            double[] go = tape.grad(out);
            double[] gu = tape.grad(u);
            double[] gxi = xi == null ? null : tape.grad(xi);
            for (int i = 0; i < n; i++) {
                double[] a = t.values[cell[i]];
                double[] b = t.values[cell[i] + 1];
                double z = xi == null ? 0 : xi.data()[i];
                if (gu != null) {
                    gu[i] += go[i] * ((b[0] - a[0]) + z * (b[3] - a[3])) / t.step;
                }
                if (gxi != null) {
                    double f = (ud[i] - t.from) / t.step - cell[i];
                    gxi[i] += go[i] * (a[3] + f * (b[3] - a[3]));
                }
            }
        });
        return out;
    }

    /** {@link #step} with drives in A, always through the model (tests hold the table to it). */
    Tensor stepThroughModel(Tape tape, Tensor uA, Tensor xi) {
        return throughModel(tape, normalisedDrive(tape, uA), xi);
    }

    /** {@link #step} through the model's own (taped) step at the fixed point: for noise that is not linear in ξ. */
    private Tensor throughModel(Tape tape, Tensor u, Tensor xi) {
        int n = u.rows();
        double dt = twin.normalisation().modelStep(twin.sampleIntervalS());
        double[] xs = new double[n];
        double[] gain = new double[n];
        double[] noiseGain = new double[n];
        for (int i = 0; i < n; i++) {
            double[] fp = table().at(u.data()[i]);
            xs[i] = fp[0];
            gain[i] = fp[1];
            noiseGain[i] = fp[2];
        }
        Tensor fixed = Tensor.constant(n, 1, xs);
        Tensor det = twin.model().step(tape, fixed, u, dt, null);
        double[] detValue = new double[n];
        double[] offset = new double[n];
        for (int i = 0; i < n; i++) {
            detValue[i] = det.data()[i];
            offset[i] = (1 - gain[i]) * detValue[i];
        }
        Tensor mean = ElementwiseOps.add(tape, ElementwiseOps.mul(tape, det, Tensor.constant(n, 1, gain)),
                Tensor.constant(n, 1, offset));
        if (xi == null || noiseSize() == 0) {
            return mean;
        }
        Tensor noisy = twin.model().step(tape, fixed, u, dt, xi);
        Tensor noise = ElementwiseOps.sub(tape, noisy, det);
        return ElementwiseOps.add(tape, mean, ElementwiseOps.mul(tape, noise, Tensor.constant(n, 1, noiseGain)));
    }

    /**
     * Fixed point x*, slope gain 1/(1 − J), noise gain 1/√(1 − J²) and the stationary noise σ of one step (the
     * step's response to ξ = 1, times the noise gain) on a grid of normalised drives covering the window with half
     * its width to spare; between grid points interpolated, outside computed directly. Computed once: the twin's
     * parameters do not change while it serves as a neuron. {@code tabulated}: the model's noise is one normal draw
     * entering its step linearly (checked at every grid point with ξ = ±1), so {@link #tabulatedStep} is exact.
     */
    private final class FixedPoints {
        private final double from;
        private final double step;
        private final double[][] values;
        private final boolean tabulated;

        FixedPoints() {
            Normalisation nm = twin.normalisation();
            double w = hi - lo;
            from = nm.drive(lo - 0.5 * w);
            double to = nm.drive(hi + 0.5 * w);
            int points = TABLE_POINTS;
            step = (to - from) / (points - 1);
            double[] u = new double[points];
            for (int i = 0; i < points; i++) {
                u[i] = from + i * step;
            }
            values = solve(u);
            boolean linear = noiseSize() <= 1;
            for (double[] v : values) {
                linear &= v[4] != 0;
            }
            tabulated = linear;
        }

        double[] at(double u) {
            double pos = (u - from) / step;
            if (!(pos >= 0 && pos <= values.length - 1)) {
                return solve(new double[] {u})[0];
            }
            int k = Math.min(values.length - 2, (int) pos);
            double f = pos - k;
            double[] a = values[k];
            double[] b = values[k + 1];
            return new double[] {a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2])};
        }
    }

    private FixedPoints fixedPoints;

    private synchronized FixedPoints table() {
        if (fixedPoints == null) {
            fixedPoints = new FixedPoints();
        }
        return fixedPoints;
    }

    /** Fixed point, slope gain and noise gain at normalised drives {@code u}. */
    private double[][] solve(double[] u) {
        int n = u.length;
        double dt = twin.normalisation().modelStep(twin.sampleIntervalS());
        double[] xs = twin.model().initialState(new Tape(), Tensor.constant(n, 1, u.clone())).data().clone();
        double[] next = new double[n];
        for (int k = 0; k < FIXED_POINT_STEPS; k++) {
            deterministicStep(xs, u, dt, next);
            double[] t = xs;
            xs = next;
            next = t;
        }
        double[] up = new double[n];
        double[] down = new double[n];
        double[] shifted = new double[n];
        double[] at = new double[n];
        // Plain iteration converges like J^k, slowly where the drift relaxes little per step (J near 1); Newton on
        // step(x) − x = 0 with the finite-difference J finishes the job.
        for (int k = 0; k <= NEWTON_STEPS; k++) {
            for (int i = 0; i < n; i++) {
                shifted[i] = xs[i] + JACOBIAN_STEP;
            }
            deterministicStep(shifted, u, dt, up);
            for (int i = 0; i < n; i++) {
                shifted[i] = xs[i] - JACOBIAN_STEP;
            }
            deterministicStep(shifted, u, dt, down);
            if (k == NEWTON_STEPS) {
                break;
            }
            deterministicStep(xs, u, dt, at);
            for (int i = 0; i < n; i++) {
                double j = (up[i] - down[i]) / (2 * JACOBIAN_STEP);
                if (j < 0.99) { // a contraction: the Newton step is well defined
                    xs[i] -= (at[i] - xs[i]) / (j - 1);
                }
            }
        }
        double[] det = new double[n];
        double[] plus = new double[n];
        double[] minus = new double[n];
        if (noiseSize() == 1) {
            stepWithNoise(xs, u, dt, null, det);
            stepWithNoise(xs, u, dt, 1.0, plus);
            stepWithNoise(xs, u, dt, -1.0, minus);
        }
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double j = Math.max(-0.95, Math.min(0.95, (up[i] - down[i]) / (2 * JACOBIAN_STEP)));
            double noiseGain = 1 / Math.sqrt(1 - j * j);
            double sPlus = plus[i] - det[i];
            double sMinus = det[i] - minus[i];
            boolean linear = Math.abs(sPlus - sMinus) <= 1e-9 + 1e-6 * Math.abs(sPlus);
            out[i] = new double[] {xs[i], 1 / (1 - j), noiseGain, noiseGain * sPlus, linear ? 1 : 0};
        }
        return out;
    }

    /** One step of the model from {@code x} with the same draw {@code z} for every row (null: no noise). */
    private void stepWithNoise(double[] x, double[] u, double dt, Double z, double[] out) {
        Tape scratch = new Tape();
        Tensor xi = null;
        if (z != null) {
            double[] d = new double[x.length];
            java.util.Arrays.fill(d, z);
            xi = Tensor.constant(x.length, 1, d);
        }
        Tensor y = twin.model().step(scratch, Tensor.constant(x.length, 1, x.clone()),
                Tensor.constant(u.length, 1, u.clone()), dt, xi);
        System.arraycopy(y.data(), 0, out, 0, out.length);
    }

    private void deterministicStep(double[] x, double[] u, double dt, double[] out) {
        SampleStepper st = twin.model().stepper();
        if (st != null) {
            st.step(x, u, dt, null, out, x.length);
            return;
        }
        Tape scratch = new Tape();
        Tensor y = twin.model().step(scratch, Tensor.constant(x.length, 1, x.clone()),
                Tensor.constant(u.length, 1, u.clone()), dt, null);
        System.arraycopy(y.data(), 0, out, 0, out.length);
    }

    @Override
    public Tensor observe(Tape tape, Tensor x, Tensor uA) {
        Normalisation n = twin.normalisation();
        Tensor y = twin.model().observe(tape, x, normalisedDrive(tape, uA));
        if (n.logPower()) {
            // The state is already the power in dB re 1 W: activation = (dBW + 30 − floor) / span, linear, no clamp.
            return ElementwiseOps.shift(tape, ElementwiseOps.scale(tape, y, n.powerScale() / scale.spanDb()),
                    (n.powerOffset() + 30 - scale.floorDbm()) / scale.spanDb());
        }
        Tensor powerW = ElementwiseOps.shift(tape, ElementwiseOps.scale(tape, y, n.powerScale()), n.powerOffset());
        double minW = 1e-3 * Math.pow(10, scale.dBm(FLOOR_ACTIVATION) / 10);
        Tensor clamped = ElementwiseOps.shift(tape, ElementwiseOps.relu(tape, ElementwiseOps.shift(tape, powerW, -minW)),
                minW);
        // activation = (10·log10(P / 1 mW) − floor) / span
        double k = 10 / Math.log(10) / scale.spanDb();
        return ElementwiseOps.shift(tape, ElementwiseOps.scale(tape, ElementwiseOps.log(tape, clamped), k),
                (30 - scale.floorDbm()) / scale.spanDb());
    }
}
