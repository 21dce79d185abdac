package io.spinloop.training.chip;

import io.spinloop.autodiff.Tape;
import io.spinloop.lab.chip.ChipChannel;
import io.spinloop.lab.chip.ChipStopException;
import io.spinloop.lab.chip.DeviceStoppedException;
import io.spinloop.lab.chip.DriveLimitException;
import io.spinloop.twin.neuron.NeuronTwin;
import io.spinloop.twin.neuron.ReadingScale;
import java.time.Instant;
import java.util.List;

/**
 * Neurons on the bench: each network neuron is a list point of its device ({@link DriveMap}), its activation the
 * zero-span reading in the units of the device's {@link ReadingScale}. The slope handed to the backward pass is
 * the twin's derivative at the drive the chip actually received (physics-aware training: forward on the chip,
 * backward through the twin where the chip was).
 *
 * <p>Before a single instrument command, every drive is checked against its device's safety limit; a network
 * that would exceed it is refused with a {@link DriveLimitException}. A device that stops oscillating (its
 * readings sit at the noise floor where its twin expects a line) or a compliance trip stops everything safely
 * and raises a {@link ChipStopException} naming the device and the time.
 */
public final class ChipNeurons implements NeuronBank, AutoCloseable {
    /** Activation below which a reading is "at the floor" (in units of the device's reading span). */
    private static final double FLOOR_ACTIVATION = 0.08;
    /** Twin activation above which a line must be visible. */
    private static final double EXPECTED_ACTIVATION = 0.3;

    private final List<ChipChannel> channels;
    private final List<? extends NeuronTwin> twins;
    private final DriveMap map;
    private final Tape tape = new Tape();

    public ChipNeurons(List<ChipChannel> channels, List<? extends NeuronTwin> twins, DriveMap map) {
        if (channels.size() != map.devices() || twins.size() != map.devices()) {
            throw new IllegalArgumentException(channels.size() + " channels and " + twins.size() + " twins for "
                    + map.devices() + " devices");
        }
        this.channels = channels;
        this.twins = twins;
        this.map = map;
    }

    public List<ChipChannel> channels() {
        return channels;
    }

    @Override
    public Activation evaluate(double[][] drivesA) {
        return evaluateAll(new double[][][] {drivesA})[0];
    }

    @Override
    public Activation[] evaluateAll(double[][][] drivesA) {
        checkLimits(drivesA);
        int steps = drivesA.length;
        int b = drivesA[0].length;
        int n = drivesA[0][0].length;
        double[][][] h = new double[steps][b][n];
        double[][][] slope = new double[steps][b][n];
        for (int d = 0; d < map.devices(); d++) {
            int count = 0;
            for (int j = d; j < n; j += map.devices()) {
                count += steps * b;
            }
            if (count == 0) {
                continue;
            }
            double[] u = new double[count];
            int k = 0;
            for (int t = 0; t < steps; t++) {
                for (int r = 0; r < b; r++) {
                    for (int j = d; j < n; j += map.devices()) {
                        u[k++] = drivesA[t][r][j];
                    }
                }
            }
            double[] measured = measure(d, u);
            double[][] twin = TwinNeurons.respond(twins.get(d), u, null, tape);
            checkAlive(d, measured, twin[0]);
            k = 0;
            for (int t = 0; t < steps; t++) {
                for (int r = 0; r < b; r++) {
                    for (int j = d; j < n; j += map.devices()) {
                        h[t][r][j] = measured[k];
                        slope[t][r][j] = twin[1][k];
                        k++;
                    }
                }
            }
        }
        Activation[] out = new Activation[steps];
        for (int t = 0; t < steps; t++) {
            out[t] = new Activation(h[t], slope[t]);
        }
        return out;
    }

    /** Refuses drives beyond any device's limit, before anything is sent. */
    void checkLimits(double[][][] drivesA) {
        for (int t = 0; t < drivesA.length; t++) {
            for (int r = 0; r < drivesA[t].length; r++) {
                for (int j = 0; j < drivesA[t][r].length; j++) {
                    double i = drivesA[t][r][j];
                    ChipChannel c = channels.get(map.deviceOf(j));
                    if (!(Math.abs(i) <= c.maxCurrentA()) || i < 0) {
                        throw new DriveLimitException(String.format(
                                "deployment refused before touching the bench: neuron %d on %s would be driven at "
                                        + "%.4g mA (step %d, sample %d), outside 0..%.4g mA, the device's safety limit",
                                j, c.id(), i * 1e3, t, r, c.maxCurrentA() * 1e3));
                    }
                }
            }
        }
    }

    private double[] measure(int d, double[] u) {
        ChipChannel c = channels.get(d);
        double[] dBm;
        try {
            dBm = c.measure(u);
        } catch (DeviceStoppedException e) {
            throw stop(c.id(), e.reason(), e);
        }
        ReadingScale s = twins.get(d).scale();
        double[] a = new double[dBm.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = s.activation(dBm[i]);
        }
        return a;
    }

    private void checkAlive(int d, double[] measured, double[] expected) {
        int lit = 0;
        double maxMeasured = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < measured.length; i++) {
            if (expected[i] > EXPECTED_ACTIVATION) {
                lit++;
                maxMeasured = Math.max(maxMeasured, measured[i]);
            }
        }
        if (lit >= 5 && maxMeasured < FLOOR_ACTIVATION) {
            throw stop(channels.get(d).id(), "device stopped oscillating: " + lit + " drives where its twin expects a "
                    + "line all read at the noise floor (best " + String.format("%.1f", twins.get(d).scale()
                    .dBm(maxMeasured)) + " dBm)", null);
        }
    }

    private ChipStopException stop(String device, String reason, Throwable cause) {
        makeSafe();
        return new ChipStopException(device, Instant.now(), reason, cause);
    }

    /** Ramps every source to zero and switches it off. */
    public void makeSafe() {
        for (ChipChannel c : channels) {
            c.makeSafe();
        }
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (ChipChannel c : channels) {
            try {
                c.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
