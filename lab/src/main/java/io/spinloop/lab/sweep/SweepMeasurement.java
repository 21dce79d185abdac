package io.spinloop.lab.sweep;

import io.spinloop.lab.RunOutcome;
import io.spinloop.lab.RunProgress;
import io.spinloop.lab.bench.MeasurementSession;
import io.spinloop.lab.bench.Recording;
import io.spinloop.lab.config.DeviceConfig;
import io.spinloop.lab.config.LoadedLabConfig;
import io.spinloop.lab.config.SpectrumSettings;
import io.spinloop.measurements.MeasurementFile;
import io.spinloop.measurements.Sweep;
import io.spinloop.lab.RunRefusedException;
import io.spinloop.measurements.RunResumption;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A current sweep of one device of a lab-config's bench into an HDF5 file, with the p(I) curve fitted to what it
 * recorded: what {@code spinloop measure sweep} runs. The output is checked before the bench is opened; the bench,
 * the device's instruments and a guard against Ctrl-C are held for the run and closed in the order that loses
 * nothing ({@link MeasurementSession}).
 */
public final class SweepMeasurement {
    private SweepMeasurement() {
    }

    /**
     * What to sweep.
     *
     * @param currentsA the currents, in order ({@link SweepRunner#currents})
     * @param spectrum  the analyzer's settings
     * @param settleS   wait after each current before the spectrum
     */
    public record Plan(LoadedLabConfig config, DeviceConfig device, double[] currentsA, SpectrumSettings spectrum,
                       double settleS, int refine) {

        /** A uniform sweep over {@code currentsA}. */
        public Plan(LoadedLabConfig config, DeviceConfig device, double[] currentsA, SpectrumSettings spectrum,
                    double settleS) {
            this(config, device, currentsA, spectrum, settleS, 0);
        }

        /**
         * The planner of an adaptive sweep ({@code refine} points between the lowest and highest of {@code currentsA},
         * never closer than their step), or null for a uniform sweep.
         */
        RefinePlanner planner() {
            if (refine <= 0) {
                return null;
            }
            double lo = Math.min(currentsA[0], currentsA[currentsA.length - 1]);
            double hi = Math.max(currentsA[0], currentsA[currentsA.length - 1]);
            double step = currentsA.length > 1 ? Math.abs(currentsA[1] - currentsA[0]) : (hi - lo) / 1000;
            return new RefinePlanner(lo, hi, refine, step);
        }
    }

    /**
     * How the sweep ended and, when it recorded a point, the p(I) fit of its powers.
     *
     * @param fit null when nothing was recorded (no file was written)
     */
    public record Result(RunOutcome outcome, PowerCurveFit.Outcome fit) {
    }

    /** The plan in words, stored as {@code meta.plan}; a resumed run must repeat it exactly. */
    static String describe(Plan plan) {
        double[] c = plan.currentsA();
        return String.format(Locale.ROOT, "sweep; current %d points %d[%s..%s]; spectrum %s; settle %s s", c.length,
                Arrays.hashCode(c), c[0], c[c.length - 1], plan.spectrum(), plan.settleS())
                + (plan.refine() > 0 ? "; refine " + plan.refine() + " points" : "");
    }

    /** Runs {@code plan} into {@code to}, reporting each point to {@code progress}. */
    public static Result run(Plan plan, Recording to, RunProgress progress) throws IOException {
        String described = describe(plan);
        if (to.resume()) {
            MeasurementSession.checkResumable(to, plan.config(), plan.device(), "sweep", described);
            long complete = RunResumption.recoverIfComplete(to.file());
            if (complete >= 0) { // killed while finalising, or after: everything was measured
                progress.message(to.file() + " is complete (" + complete + " points): nothing left to measure");
                return new Result(new RunOutcome((int) complete, (int) complete, false, null, 0), PowerCurveFit.attempt(
                        MeasurementFile.open(to.file()).sweeps().get(0).currentA(),
                        MeasurementFile.open(to.file()).sweeps().get(0).powerW()));
            }
        } else {
            MeasurementSession.checkOutput(to.file(), to.overwrite());
        }
        RunOutcome outcome;
        try (MeasurementSession session = MeasurementSession.open(plan.config(), plan.device())) {
            SweepRunner runner = new SweepRunner(session.rig(), plan.spectrum(), plan.settleS());
            RefinePlanner planner = plan.planner();
            if (to.resume()) {
                session.checkSameInstruments(to, progress);
                RunResumption.Resumed r = session.resume(to);
                SweepRunner.Target target = (freq, settings) -> {
                    if (r.sweeps().isEmpty()) { // killed before its first point: the sweep starts now
                        return r.recorder().beginSweep(plan.device().id(), freq, settings);
                    }
                    if (!Arrays.equals(r.previous().sweeps().get(0).frequencyHz(), freq)) {
                        throw new RunRefusedException("--resume " + to.file() + ": the analyzer now reports another"
                                + " frequency axis than the interrupted run's; measure into a new file");
                    }
                    return r.sweeps().get(0);
                };
                if (planner != null && !r.previous().sweeps().isEmpty()) {
                    runner.resuming(r.previous().sweeps().get(0));
                }
                outcome = planner != null ? runner.runRefined(planner, target, progress, session.guard())
                        : runner.run(plan.currentsA(), target, progress, session.guard());
            } else {
                var recorder = session.record(to, Map.of(), "sweep", described);
                outcome = planner != null ? runner.runRefined(planner,
                        (freq, settings) -> recorder.beginSweep(plan.device().id(), freq, settings), progress,
                        session.guard()) : runner.run(plan.currentsA(), recorder, progress, session.guard());
            }
        }
        if (outcome.done() == 0) {
            return new Result(outcome, null);
        }
        Sweep sweep = MeasurementFile.open(to.file()).sweeps().get(0);
        return new Result(outcome, PowerCurveFit.attempt(sweep.currentA(), sweep.powerW()));
    }
}
