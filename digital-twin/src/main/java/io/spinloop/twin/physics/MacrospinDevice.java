package io.spinloop.twin.physics;

import io.spinloop.autodiff.MatrixOps;
import io.spinloop.autodiff.Parameters;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.BoundedScalar;
import io.spinloop.twin.DeviceModel;
import java.util.List;

/**
 * One macrospin STO of seed 002 as a twin model: state m (unit vector, 3 components), input the drive
 * current (A), observation m_x (what the measured voltage follows, seed 002 eq. 4). Each step of dt
 * seconds runs {@code substeps} Heun steps with the thermal field of eq. 3 (3 standard normals per
 * substep from xi; {@code xi == null} switches noise off) and renormalizes m.
 *
 * <p>Identified parameters (bounded, as in the seed's system identification): the applied field (Oe)
 * and the Gilbert damping; the material constants are fixed {@link MacrospinParameters}. The current is
 * the input, so the seed's current identification is a fit of the input scale done by the caller.
 */
public final class MacrospinDevice implements DeviceModel {
    public static final String KIND = "macrospin";

    private final CoupledMacrospins sto;
    private final int substeps;
    private final BoundedScalar field;
    private final BoundedScalar damping;
    private final Parameters parameters = new Parameters();

    /**
     * @param substeps Heun steps per model step (the seed integrates with 0.5 ps steps: use dt / 0.5 ps)
     * @param field initial applied field, Oe (the seed's range 1500-2000)
     * @param alpha initial Gilbert damping (the seed's range 0.001-0.01)
     */
    public MacrospinDevice(MacrospinParameters constants, int substeps, double field, double alpha) {
        if (substeps < 1) {
            throw new IllegalArgumentException("substeps must be >= 1, got " + substeps);
        }
        this.sto = CoupledMacrospins.single(constants);
        this.substeps = substeps;
        this.field = BoundedScalar.linear("H_appl_Oe", 0, 5000, field);
        this.damping = BoundedScalar.logarithmic("alpha", 1e-4, 0.1, alpha);
        parameters.add(this.field.raw());
        parameters.add(this.damping.raw());
    }

    public List<BoundedScalar> bounded() {
        return List.of(field, damping);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int stateSize() {
        return 3;
    }

    @Override
    public int inputSize() {
        return 1;
    }

    @Override
    public int noiseSize() {
        return 3 * substeps;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    /** m along +z, the applied field's direction (the rest state without current). */
    @Override
    public Tensor initialState(Tape tape, Tensor u0) {
        double[] m = new double[u0.rows() * 3];
        for (int r = 0; r < u0.rows(); r++) {
            m[3 * r + 2] = 1;
        }
        return Tensor.constant(u0.rows(), 3, m);
    }

    @Override
    public Tensor step(Tape tape, Tensor x, Tensor u, double dt, Tensor xi) {
        if (xi != null && xi.cols() != 3 * substeps) {
            throw new IllegalArgumentException("macrospin noise must have " + 3 * substeps + " columns, got " + xi.shape());
        }
        Tensor h = field.value(tape);
        Tensor a = damping.value(tape);
        double h1 = dt / substeps;
        Tensor m = x;
        for (int s = 0; s < substeps; s++) {
            Tensor z = xi == null ? null : MatrixOps.columns(tape, xi, 3 * s, 3 * s + 3);
            m = sto.normalize(tape, sto.heunStep(tape, m, h, u, a, h1, z));
        }
        return m;
    }

    /** m_x. */
    @Override
    public Tensor observe(Tape tape, Tensor x, Tensor u) {
        return MatrixOps.columns(tape, x, 0, 1);
    }
}
