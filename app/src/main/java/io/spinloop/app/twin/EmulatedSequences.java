package io.spinloop.app.twin;

import io.spinloop.emulator.physics.CurrentTimeline;
import io.spinloop.emulator.physics.DeviceParameters;
import io.spinloop.emulator.physics.Stno;
import io.spinloop.measurements.MeasurementRecorder;
import io.spinloop.measurements.OverwritePolicy;
import io.spinloop.measurements.Provenance;
import io.spinloop.measurements.SequenceRecorder;
import io.spinloop.twin.SequenceData;
import io.spinloop.twin.TeacherSequences;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Drive sequences played through the emulator's device physics in process ({@link Stno} in virtual time, the
 * same "nature" the emulated bench serves over SCPI), with the power read at the end of every dwell, averaged
 * over an integration window. For benchmarks and studies that need thousands of sequences in seconds; the
 * bench path ({@code spinloop measure sequences}) adds the instruments' trace noise and SCPI on top.
 *
 * @param device  the nominal device (spread and drift as configured; {@code withoutVariation()} for none)
 * @param dwellS  time each drive level is held (a SourceMeter list sweep: about 1 ms; lifted limits: ns)
 * @param windowS integration time of a power reading (0 = instantaneous)
 */
public record EmulatedSequences(DeviceParameters device, long deviceSeed, double dwellS, double windowS) {

    /** S random sequences (levels uniform in [lowA, highA], mean hold 3 steps), R repeats each, T steps. */
    public SequenceData play(int sequences, int repeats, int steps, double lowA, double highA, long seed) {
        double[][] drive = TeacherSequences.randomDrives(sequences, steps, lowA, highA, 3, seed);
        Stno stno = new Stno("stno0", device, deviceSeed);
        CurrentTimeline line = new CurrentTimeline();
        stno.connect(line);
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + 17);
        double[][][] power = new double[sequences][repeats][steps];
        double[] times = new double[steps];
        double[] p = new double[steps];
        double[] current = new double[steps];
        double t0 = 1.0;
        for (int s = 0; s < sequences; s++) {
            for (int r = 0; r < repeats; r++) {
                for (int k = 0; k < steps; k++) {
                    line.set(t0 + k * dwellS, drive[s][k]);
                    times[k] = t0 + (k + 1) * dwellS - Math.min(windowS, 0.5 * dwellS) * 0.5 - 1e-3 * dwellS;
                }
                line.set(t0 + steps * dwellS, 0);
                stno.observe(times, steps, windowS, rng, p, current);
                for (int k = 0; k < steps; k++) {
                    power[s][r][k] = stno.emittedPower(current[k], p[k]);
                }
                // The source rests between repeats, as a runner re-arming a list sweep does.
                t0 += steps * dwellS + Math.max(10 * dwellS, 1e-6);
            }
        }
        double[] time = new double[steps];
        for (int k = 0; k < steps; k++) {
            time[k] = k * dwellS;
        }
        return new SequenceData("emulator-physics:stno0:seed=" + seed, time, drive, power);
    }

    /** Whether a SourceMeter and a swept analyzer could really take these points (DESIGN.md "Time scales"). */
    public boolean physicallyMeasurable() {
        return dwellS >= 1e-3 * 0.999;
    }

    /** Writes {@code data} as a measurement file with provenance saying how it was made. */
    public void write(Path out, SequenceData data, long seed, boolean overwrite) throws IOException {
        Provenance prov = Provenance.builder(io.spinloop.app.SpinloopVersion.current())
                .labConfig("# spinloop twin emulate: emulator physics in process, no instruments\n")
                .seed("device", deviceSeed)
                .seed("sequences", seed)
                .physicallyMeasurable(physicallyMeasurable(), physicallyMeasurable() ? ""
                        : "dwell " + dwellS + " s is below a SourceMeter list sweep's ~1 ms: limits lifted")
                .metadata("source", "emulator physics (io.spinloop.emulator.physics.Stno), in-process, virtual time")
                .metadata("device", device.toString())
                .build();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("dwell_s", dwellS);
        settings.put("window_s", windowS);
        settings.put("generator_seed", seed);
        try (MeasurementRecorder rec = MeasurementRecorder.create(out, prov,
                overwrite ? OverwritePolicy.REPLACE : OverwritePolicy.REFUSE)) {
            SequenceRecorder sr = rec.beginSequences("stno0", data.timeS(), data.repeats(), settings);
            for (int s = 0; s < data.sequences(); s++) {
                for (int r = 0; r < data.repeats(); r++) {
                    sr.addRepeat(s, r, data.driveA()[s], data.powerW()[s][r]);
                }
            }
            sr.finish();
        }
    }
}
