package io.spinloop.training.powercurve;

import io.spinloop.autodiff.Parameter;
import io.spinloop.training.data.SequenceDataset;
import java.io.Serializable;
import java.util.List;

/**
 * What every sigma of a {@link SpreadStudy} evaluates: the trained network (its configuration, seed and parameter
 * values) and the test set, sent to each worker once.
 */
record SpreadData(PowerCurveNetworkConfig config, long seed, double[][] values, SequenceDataset test) implements Serializable {
    private static final long serialVersionUID = 1L;

    static SpreadData of(PowerCurveNetwork net, long seed, SequenceDataset test) {
        List<Parameter> ps = net.parameters().list();
        double[][] v = new double[ps.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = ps.get(i).value().data().clone();
        }
        return new SpreadData(net.config(), seed, v, test);
    }

    /** The trained network, rebuilt where the task runs. */
    PowerCurveNetwork network() {
        PowerCurveNetwork net = new PowerCurveNetwork(config, seed);
        List<Parameter> ps = net.parameters().list();
        for (int i = 0; i < values.length; i++) {
            System.arraycopy(values[i], 0, ps.get(i).value().data(), 0, values[i].length);
        }
        return net;
    }
}
