package io.spinloop.training.twinfit;

import java.io.Serializable;

/**
 * One device's fit as its task sends it back: the fit's and the held-out validation's figures (the twin's ratios to
 * the measured-versus-measured floor, and its score), the fit's wall time, and where its twin was written (null when
 * no weights directory was asked for).
 */
public record DeviceFit(String device, String file, String objective, int bestEpoch, int sequences, int repeats,
        double meanRatio, double spreadRatio, double autocorrRatio, double distanceRatio, double score, double seconds,
        String twinFile) implements Serializable {
    private static final long serialVersionUID = 1L;
}
