package io.spinloop.lab.map;

import io.spinloop.drivers.analyzer.SpectrumAnalyzer;
import io.spinloop.drivers.analyzer.SpectrumTrace;
import io.spinloop.drivers.analyzer.SweepSettings;
import io.spinloop.lab.RunOutcome;
import io.spinloop.lab.RunProgress;
import io.spinloop.lab.bench.DeviceRig;
import io.spinloop.lab.bench.RunGuard;
import io.spinloop.lab.bench.TrafficCounter;
import io.spinloop.lab.config.SpectrumSettings;
import io.spinloop.lab.sweep.LineFit;
import io.spinloop.lab.sweep.LineShapeFitter;
import io.spinloop.lab.sweep.SweepRunner;
import io.spinloop.measurements.MapGrid;
import io.spinloop.measurements.MapRecorder;
import java.io.IOException;
import java.util.Map;

/**
 * A 2-D map of one device: row by row of the slow axis, the fast axis is swept (upwards, or alternately up and down
 * in snake order), and at each point the spectrum is taken, the line fitted and the point recorded before moving
 * on. Grid points already recorded (by the interrupted run a resumed one continues) are skipped. Whatever ends the
 * run, both axes are brought to zero and the source ends with its output off.
 */
public final class MapRunner {
    private final DeviceRig rig;
    private final SpectrumSettings spectrum;
    private final double settleS;

    /** Where the points go: a new map, or the map of the run being resumed (checked against the analyzer's axis). */
    @FunctionalInterface
    public interface Target {
        MapRecorder open(double[] frequencyHz, Map<String, Object> settings) throws IOException;
    }

    public MapRunner(DeviceRig rig, SpectrumSettings spectrum, double settleS) {
        this.rig = rig;
        this.spectrum = spectrum;
        this.settleS = settleS;
    }

    /**
     * Measures every grid point not yet recorded.
     *
     * @return planned = the grid's points, done = the points the map holds at the end (earlier ones included)
     */
    public RunOutcome run(MapGrid grid, MapAxis x, MapAxis y, Target target, RunProgress progress, RunGuard guard)
            throws IOException {
        SpectrumAnalyzer sa = rig.analyzer();
        long start = System.nanoTime();
        int done = 0;
        Throwable failure = null;
        boolean watched = progress.watchesDetails();
        TrafficCounter traffic = watched ? TrafficCounter.on(rig) : null;
        progress.stoppable(guard::requestStop);
        try {
            SweepSettings actual = SweepRunner.configureAnalyzer(sa, spectrum);
            double[] freq = actual.frequencyAxis();
            LineShapeFitter fitter = new LineShapeFitter(actual.resolutionBandwidthHz());
            Map<String, Object> settings = new SweepRunner(rig, spectrum, settleS).settingsOf(actual, rig.complianceV());
            MapRecorder map = target.open(freq, settings);
            done = map.points();
            if (watched) {
                progress.mapPlan(new RunProgress.MapPlan(grid.x(), grid.y(), y.name(), y.unit()));
            }
            rig.source().setComplianceVoltage(rig.complianceV());
            rig.source().outputOn();
            double[] trace = new double[freq.length];
            rows:
            for (int iy = 0; iy < grid.y().length; iy++) {
                boolean rowSet = false;
                for (int k = 0; k < grid.x().length; k++) {
                    int ix = grid.xIndexAt(iy, k);
                    if (map.taken(ix, iy)) {
                        continue;
                    }
                    if (guard.stopRequested()) {
                        break rows;
                    }
                    if (!rowSet) {
                        y.set(grid.y()[iy]);
                        rowSet = true;
                        if (watched && y instanceof FieldAxis f) {
                            progress.field(f.panel());
                        }
                    }
                    x.set(grid.x()[ix]);
                    settle();
                    SpectrumTrace t = sa.sweep();
                    for (int j = 0; j < trace.length; j++) {
                        trace[j] = t.powerDbm()[j]; // the analyzer's floats, widened
                    }
                    LineFit fit = fitter.fit(freq, trace);
                    map.addPoint(ix, iy, trace, fit.peakHz(), fit.powerW(), fit.linewidthHz());
                    if (watched) {
                        double xNow = grid.x()[ix];
                        progress.spectrum(new RunProgress.Spectrum(xNow, freq, trace.clone(),
                                () -> fitter.fittedDbm(freq, fit), fit.peakHz(), fit.powerW(), fit.linewidthHz()));
                        progress.mapPoint(new RunProgress.MapPoint(ix, iy, fit.peakHz(), fit.powerW(),
                                fit.linewidthHz()));
                        progress.source(traffic.panel(rig, null));
                    }
                    done++;
                    progress.pointsDone(done, grid.points());
                }
            }
            if (done == grid.points()) {
                map.finish();
            }
        } catch (RuntimeException e) {
            failure = e; // the drivers have made the instruments safe; keep what was measured, say why it stopped
        } finally {
            y.safeZero();
            x.safeZero();
            rig.stopSafely(progress);
            if (watched) {
                progress.source(traffic.panel(rig, failure));
                if (y instanceof FieldAxis f) {
                    progress.field(f.panel());
                }
            }
        }
        return new RunOutcome(grid.points(), done, guard.stopRequested(), failure, (System.nanoTime() - start) * 1e-9);
    }

    private void settle() {
        if (settleS <= 0) {
            return;
        }
        try {
            Thread.sleep((long) (settleS * 1e3), (int) ((settleS * 1e9) % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
