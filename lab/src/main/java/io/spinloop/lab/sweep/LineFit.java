package io.spinloop.lab.sweep;

/**
 * What a fit of one spectrum found.
 *
 * @param detected     whether a line stands out of the noise floor (false below threshold)
 * @param peakHz       center of the fitted line, Hz (NaN when not detected)
 * @param powerW       power of the line, W: the fitted line's area; 0 when no line stands out of the floor
 * @param linewidthHz  full width at half maximum of the oscillator's Lorentzian, the RBW taken out, Hz
 *                     (NaN when not detected)
 * @param floorW       noise floor the analyzer shows in one bin, W (the trace's mean when no line was found)
 * @param rmsResidualDb rms of the dB residuals of the starting fit (the trace noise, when the model fits)
 */
public record LineFit(boolean detected, double peakHz, double powerW, double linewidthHz, double floorW,
        double rmsResidualDb) {
}
