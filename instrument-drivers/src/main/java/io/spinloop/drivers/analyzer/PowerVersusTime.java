package io.spinloop.drivers.analyzer;

/**
 * A zero-span trace: the power at one frequency versus time since the trigger.
 *
 * @param timeS    time of each point since the sweep started, in s
 * @param powerDbm power in the resolution bandwidth, in dBm
 */
public record PowerVersusTime(double[] timeS, float[] powerDbm) {
    public PowerVersusTime {
        if (timeS.length != powerDbm.length) {
            throw new IllegalArgumentException("trace has " + powerDbm.length + " powers but "
                    + timeS.length + " times");
        }
    }

    public int points() {
        return powerDbm.length;
    }
}
