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
 *
 * <p>Over a field, the analyzer's span follows the line from row to row ({@link SpanFollower}); each point records
 * the centre its spectrum was taken at, and the slow axis as read back when its row was set.
 */
public final class MapRunner {
    private final DeviceRig rig;
    private final SpectrumSettings spectrum;
    private final double settleS;
    private final boolean followLine;
    private final int refineRows;

    /** Where the points go: a new map, or the map of the run being resumed (checked against the analyzer's axis). */
    @FunctionalInterface
    public interface Target {
        MapRecorder open(double[] frequencyHz, Map<String, Object> settings) throws IOException;
    }

    public MapRunner(DeviceRig rig, SpectrumSettings spectrum, double settleS) {
        this(rig, spectrum, settleS, false);
    }

    /** @param followLine move the analyzer's span with the line from row to row (a field map), else keep it */
    public MapRunner(DeviceRig rig, SpectrumSettings spectrum, double settleS, boolean followLine) {
        this(rig, spectrum, settleS, followLine, 0);
    }

    /**
     * @param refineRows measure only this many rows of the grid, chosen by {@link FieldRowPlanner} where the line
     *                   moves fastest; 0 measures every row in order
     */
    public MapRunner(DeviceRig rig, SpectrumSettings spectrum, double settleS, boolean followLine, int refineRows) {
        this.rig = rig;
        this.spectrum = spectrum;
        this.settleS = settleS;
        this.followLine = followLine;
        this.refineRows = refineRows;
    }

    /**
     * Measures every grid point not yet recorded.
     *
     * @return planned = the grid's points (the refined rows' points), done = the points the map holds at the end
     *         (earlier ones included)
     */
    public RunOutcome run(MapGrid grid, MapAxis x, MapAxis y, Target target, RunProgress progress, RunGuard guard)
            throws IOException {
        SpectrumAnalyzer sa = rig.analyzer();
        long start = System.nanoTime();
        int done = 0;
        int planned = refineRows > 0 ? Math.min(refineRows, grid.y().length) * grid.x().length : grid.points();
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
            SpanFollower follower = new SpanFollower(grid);
            double centre = actual.centerHz();
            double[] axis = freq;
            double moveBeyond = actual.spanHz() / 8; // smaller moves keep the analyzer where it is
            boolean anyLine = false;
            rows:
            for (int iy = nextRow(grid, map, -1); iy >= 0; iy = nextRow(grid, map, iy)) {
                boolean rowSet = false;
                double lastLine = Double.NaN;
                double beforeLast = Double.NaN;
                double yRead = Double.NaN;
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
                        yRead = y.readBack();
                        rowSet = true;
                        if (watched && y instanceof FieldAxis f) {
                            progress.field(f.panel());
                        }
                    }
                    x.set(grid.x()[ix]);
                    settle();
                    if (followLine) {
                        double predicted = follower.predictedLine(map, ix, iy, lastLine, beforeLast);
                        if (Math.abs(predicted - centre) > moveBeyond) {
                            axis = centre(sa, predicted, actual, freq.length);
                            centre = predicted;
                        }
                    }
                    LineFit fit = take(sa, axis, trace, fitter);
                    if (followLine && !fit.detected()
                            && follower.expectsLine(map, ix, iy, Double.isFinite(lastLine), anyLine)) {
                        double found = search(sa, centre, actual, fitter);
                        centre = Double.isNaN(found) ? centre : found;
                        axis = centre(sa, centre, actual, freq.length);
                        if (!Double.isNaN(found)) {
                            fit = take(sa, axis, trace, fitter);
                        }
                    }
                    for (int again = 0; followLine && again < 2 && fit.detected()
                            && Math.abs(fit.peakHz() - centre) > SpanFollower.EDGE * actual.spanHz(); again++) {
                        centre = fit.peakHz(); // the line at the span's edge, part of it beyond: centre on it, again
                        axis = centre(sa, centre, actual, freq.length);
                        fit = take(sa, axis, trace, fitter);
                    }
                    beforeLast = lastLine;
                    lastLine = fit.detected() ? fit.peakHz() : Double.NaN;
                    anyLine |= fit.detected();
                    map.addPoint(ix, iy, trace, fit.peakHz(), fit.powerW(), fit.linewidthHz(),
                            followLine ? centre : Double.NaN, yRead);
                    if (watched) {
                        double xNow = grid.x()[ix];
                        double[] drawnAxis = axis; // the axis this spectrum was swept on (it follows the line)
                        LineFit drawn = fit;
                        progress.spectrum(new RunProgress.Spectrum(xNow, drawnAxis, trace.clone(),
                                () -> fitter.fittedDbm(drawnAxis, drawn), drawn.peakHz(), drawn.powerW(),
                                drawn.linewidthHz()));
                        progress.mapPoint(new RunProgress.MapPoint(ix, iy, fit.peakHz(), fit.powerW(),
                                fit.linewidthHz()));
                        progress.source(traffic.panel(rig, null));
                    }
                    done++;
                    progress.pointsDone(done, planned);
                }
            }
            if (refineRows > 0 ? !guard.stopRequested() && nextRow(grid, map, -1) < 0 : done == grid.points()) {
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
        return new RunOutcome(planned, done, guard.stopRequested(), failure, (System.nanoTime() - start) * 1e-9);
    }

    /** The row after {@code iy} (-1: the first): the next in order, or the planner's choice when refining; -1: none. */
    private int nextRow(MapGrid grid, MapRecorder map, int iy) {
        if (refineRows <= 0) {
            return iy + 1 < grid.y().length ? iy + 1 : -1;
        }
        int ny = grid.y().length;
        int nx = grid.x().length;
        boolean[] measured = new boolean[ny];
        double[] line = new double[ny];
        for (int r = 0; r < ny; r++) {
            double[] seen = new double[nx];
            int n = 0;
            boolean all = true;
            for (int ix = 0; ix < nx; ix++) {
                all &= map.taken(ix, r);
                double f = map.lineHz(ix, r);
                if (Double.isFinite(f)) {
                    seen[n++] = f;
                }
            }
            measured[r] = all;
            java.util.Arrays.sort(seen, 0, n);
            line[r] = n == 0 ? Double.NaN : seen[n / 2];
        }
        return FieldRowPlanner.next(grid.y(), measured, line, refineRows);
    }

    /** One spectrum into {@code trace} (the analyzer's floats, widened), and its line fitted. */
    private static LineFit take(SpectrumAnalyzer sa, double[] axis, double[] trace, LineShapeFitter fitter) {
        SpectrumTrace t = sa.sweep();
        for (int j = 0; j < trace.length; j++) {
            trace[j] = t.powerDbm()[j];
        }
        return fitter.fit(axis, trace);
    }

    /** Moves the analyzer's span to {@code centreHz} and returns the axis it now sweeps (same span and points). */
    private static double[] centre(SpectrumAnalyzer sa, double centreHz, SweepSettings configured, int points) {
        sa.setCenterSpan(centreHz, configured.spanHz());
        double[] axis = sa.settings().frequencyAxis();
        if (axis.length != points) {
            throw new IllegalStateException(sa.name() + " changed its trace points from " + points + " to "
                    + axis.length + " when its centre moved to " + centreHz + " Hz");
        }
        return axis;
    }

    /**
     * One sweep over {@link SpanFollower#SEARCH_SPANS} spans around {@code centreHz} (kept above 0 Hz), not recorded:
     * the fitted line's centre, or NaN where none stands out.
     */
    private static double search(SpectrumAnalyzer sa, double centreHz, SweepSettings configured,
                                 LineShapeFitter fitter) {
        double span = SpanFollower.SEARCH_SPANS * configured.spanHz();
        sa.setCenterSpan(Math.max(centreHz, 0.5 * span + configured.spanHz() / 100), span);
        SpectrumTrace t = sa.sweep();
        double[] axis = t.frequencyHz();
        float[] p = t.powerDbm();
        double[] trace = new double[p.length];
        for (int j = 0; j < trace.length; j++) {
            trace[j] = p[j];
        }
        LineFit fit = fitter.fit(axis, trace);
        return fit.detected() && fit.powerW() > 0 ? fit.peakHz() : Double.NaN;
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
