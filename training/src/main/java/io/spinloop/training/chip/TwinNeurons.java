package io.spinloop.training.chip;

import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.DeviceModel;
import io.spinloop.twin.neuron.NeuronTwin;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Neurons simulated on twin models ({@link DeviceModel}, one per physical device; neurons time-multiplexed as
 * {@link DriveMap} says). Deterministic: the twin's drift only ({@code ξ = null}). Noise-aware: a fresh
 * standard normal draw in every forward pass, and the slope handed to the backward pass is the derivative of
 * that noisy sample (gradients go through the noise, reparameterised).
 *
 * <p>Each evaluation is one twin step of {@link #STEP_S} from the twin's state under that drive: for a
 * quasi-static bench (1 ms list points) the step is the stationary response plus noise.
 */
public final class TwinNeurons implements NeuronBank {
    /** One list point of the bench. */
    public static final double STEP_S = NeuronTwin.STEP_S;

    private final List<? extends DeviceModel> twins;
    private final DriveMap map;
    private final boolean noiseAware;
    private final SplittableRandom random;
    private final Tape tape = new Tape();

    public TwinNeurons(List<? extends DeviceModel> twins, DriveMap map, boolean noiseAware, long seed) {
        if (twins.size() != map.devices()) {
            throw new IllegalArgumentException(twins.size() + " twins for " + map.devices() + " devices");
        }
        this.twins = twins;
        this.map = map;
        this.noiseAware = noiseAware;
        this.random = new SplittableRandom(seed);
    }

    public boolean noiseAware() {
        return noiseAware;
    }

    @Override
    public Activation evaluate(double[][] drivesA) {
        int b = drivesA.length;
        int n = drivesA[0].length;
        double[][] h = new double[b][n];
        double[][] slope = new double[b][n];
        for (int d = 0; d < map.devices(); d++) {
            int count = 0;
            for (int j = d; j < n; j += map.devices()) {
                count += b;
            }
            if (count == 0) {
                continue;
            }
            double[] u = new double[count];
            int k = 0;
            for (int r = 0; r < b; r++) {
                for (int j = d; j < n; j += map.devices()) {
                    u[k++] = drivesA[r][j];
                }
            }
            double[][] ys = respond(twins.get(d), u, noiseAware ? random : null, tape);
            k = 0;
            for (int r = 0; r < b; r++) {
                for (int j = d; j < n; j += map.devices()) {
                    h[r][j] = ys[0][k];
                    slope[r][j] = ys[1][k];
                    k++;
                }
            }
        }
        return new Activation(h, slope);
    }

    /** Activations of {@code twin} at drives {@code u} (A): noiseless if {@code random} is null, else one draw each. */
    public static double[] readings(DeviceModel twin, double[] u, SplittableRandom random) {
        return respond(twin, u, random, new Tape())[0];
    }

    /**
     * One twin step at drives {@code u} from the state the twin starts in under them: observations and their
     * derivatives in u ({@code [0]} and {@code [1]}); {@code random == null} runs the deterministic step.
     */
    static double[][] respond(DeviceModel twin, double[] u, SplittableRandom random, Tape tape) {
        int n = u.length;
        tape.reset();
        Tensor ut = Tensor.variable(n, 1, u.clone());
        Tensor xi = null;
        if (random != null && twin.noiseSize() > 0) {
            double[] z = new double[n * twin.noiseSize()];
            for (int i = 0; i < z.length; i++) {
                z[i] = random.nextGaussian();
            }
            xi = Tensor.constant(n, twin.noiseSize(), z);
        }
        Tensor x0 = twin.initialState(tape, Tensor.constant(n, 1, u.clone()));
        Tensor y = twin.observe(tape, twin.step(tape, x0, ut, STEP_S, xi), ut);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = y.data()[i * y.cols()];
        }
        double[] slope = new double[n];
        if (y.requiresGrad()) {
            tape.backward(y);
            double[] g = tape.gradient(ut);
            if (g != null) {
                System.arraycopy(g, 0, slope, 0, n);
            }
        }
        return new double[][] {out, slope};
    }
}
