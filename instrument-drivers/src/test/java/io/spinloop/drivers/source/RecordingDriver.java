package io.spinloop.drivers.source;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.spinloop.drivers.Identity;
import io.spinloop.drivers.InstrumentException;
import io.spinloop.drivers.scpi.ScpiSession;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory source meter for unit tests of the safety rules: records every level it is set to (with
 * the time) and every output change; failures and compliance trips can be scheduled.
 */
final class RecordingDriver implements SourceMeterDriver {
    final ScpiSession session = mock(ScpiSession.class);
    final List<Double> levels = new ArrayList<>();
    final List<Long> levelTimes = new ArrayList<>();
    final List<Boolean> outputs = new ArrayList<>();
    double level;
    boolean output;
    double compliance = 20.0;
    boolean tripped;
    int failOnSetLevelCall = -1;
    int tripOnSetLevelCall = -1;
    int listRuns;
    boolean currentMode = true;

    RecordingDriver() {
        when(session.name()).thenReturn("smu1");
        when(session.label()).thenReturn("smu1 (mock)");
        when(session.identity()).thenReturn(Identity.parse("KEITHLEY INSTRUMENTS INC.,MODEL 2400,TEST,C33"));
    }

    @Override
    public ScpiSession session() {
        return session;
    }

    @Override
    public SourceModel model() {
        return SourceModel.KEITHLEY_2400;
    }

    @Override
    public boolean sourcesCurrent() {
        return currentMode;
    }

    @Override
    public void configureCurrentSource() {
        currentMode = true;
    }

    @Override
    public void configureReadings() {
    }

    @Override
    public boolean outputState() {
        return output;
    }

    @Override
    public void setOutput(boolean on) {
        output = on;
        outputs.add(on);
    }

    @Override
    public double level() {
        return level;
    }

    @Override
    public void setLevel(double amps) {
        int call = levels.size() + 1;
        if (call == failOnSetLevelCall) {
            failOnSetLevelCall = -1;
            throw new InstrumentException("smu1 (mock): injected failure at set-level call " + call);
        }
        levels.add(amps);
        levelTimes.add(System.nanoTime());
        level = amps;
        if (call == tripOnSetLevelCall) {
            tripped = true;
        }
    }

    @Override
    public double compliance() {
        return compliance;
    }

    @Override
    public void setCompliance(double volts) {
        compliance = volts;
    }

    @Override
    public boolean complianceTripped() {
        return tripped;
    }

    @Override
    public SourceReading measure() {
        return new SourceReading(level * 500, level);
    }

    @Override
    public ListSweepResult runList(double[] currents, double dwellSeconds, boolean triggerOutput) {
        listRuns++;
        for (double c : currents) {
            levels.add(c);
            levelTimes.add(System.nanoTime());
        }
        level = currents[currents.length - 1]; // like a model that leaves the last value applied
        double[] v = new double[currents.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = currents[i] * 500;
        }
        return new ListSweepResult(currents.clone(), v, currents.clone());
    }

    /** Largest change between consecutive levels, starting from {@code start}. */
    double largestStep(double start) {
        double prev = start;
        double max = 0;
        for (double l : levels) {
            max = Math.max(max, Math.abs(l - prev));
            prev = l;
        }
        return max;
    }
}
