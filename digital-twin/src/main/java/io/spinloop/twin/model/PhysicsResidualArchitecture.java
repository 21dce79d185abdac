package io.spinloop.twin.model;

/**
 * Shape and fixed feature scaling of a {@link PhysicsResidualSde}: widths of the residual drift MLP (two tanh
 * layers) and of the diffusion-correction MLP (one tanh layer), whether the physical parameters are trained with
 * the networks, and the constants that put the networks' inputs and outputs on a scale of order one (read off the
 * training data by the fit, stored in twin files; they are not trained).
 *
 * @param driftHidden     units per hidden layer of the residual drift
 * @param diffusionHidden units of the diffusion correction
 * @param fitPhysics      true: Γ_G, I_th, Q, D, k are fitted jointly with the networks (bounded); false: held
 * @param stateOffset     normalised power p subtracted before the networks
 * @param stateScale      spread of p the networks' input is divided by; also the unit of the residual drift
 * @param driveOffsetA    drive current subtracted before the networks (A)
 * @param driveScaleA     drive spread the networks' input is divided by (A)
 * @param timeUnitS       time unit of the residual drift (s): the sample interval of the training data
 * @param minDiffusion    diffusion floor in units of stateScale per square root of the time unit
 * @param momentClosure   the physics steps with the moment-closure density (data faster than the relaxation) instead
 *                        of its exact step (any step, needed for quasi-static data)
 */
public record PhysicsResidualArchitecture(int driftHidden, int diffusionHidden, boolean fitPhysics, double stateOffset,
        double stateScale, double driveOffsetA, double driveScaleA, double timeUnitS, double minDiffusion,
        boolean momentClosure) {

    public PhysicsResidualArchitecture {
        if (driftHidden < 1 || diffusionHidden < 1 || !(stateScale > 0) || !(driveScaleA > 0) || !(timeUnitS > 0)
                || !(minDiffusion >= 0) || !Double.isFinite(stateOffset) || !Double.isFinite(driveOffsetA)) {
            throw new IllegalArgumentException("physics-residual architecture needs widths >= 1, positive scales and time "
                    + "unit, a diffusion floor >= 0 and finite offsets, got " + driftHidden + ", " + diffusionHidden + ", "
                    + stateOffset + ", " + stateScale + ", " + driveOffsetA + ", " + driveScaleA + ", " + timeUnitS + ", " + minDiffusion);
        }
    }

    /** 16 drift units, 8 diffusion units, the given scaling; physical parameters fitted jointly. */
    public static PhysicsResidualArchitecture standard(double stateOffset, double stateScale, double driveOffsetA,
            double driveScaleA, double timeUnitS) {
        return new PhysicsResidualArchitecture(16, 8, true, stateOffset, stateScale, driveOffsetA, driveScaleA, timeUnitS, 1e-4, false);
    }

    public PhysicsResidualArchitecture withFitPhysics(boolean fit) {
        return new PhysicsResidualArchitecture(driftHidden, diffusionHidden, fit, stateOffset, stateScale, driveOffsetA,
                driveScaleA, timeUnitS, minDiffusion, momentClosure);
    }

    public PhysicsResidualArchitecture withDriftHidden(int h) {
        return new PhysicsResidualArchitecture(h, diffusionHidden, fitPhysics, stateOffset, stateScale, driveOffsetA,
                driveScaleA, timeUnitS, minDiffusion, momentClosure);
    }

    public PhysicsResidualArchitecture withMomentClosure(boolean m) {
        return new PhysicsResidualArchitecture(driftHidden, diffusionHidden, fitPhysics, stateOffset, stateScale, driveOffsetA,
                driveScaleA, timeUnitS, minDiffusion, m);
    }
}
