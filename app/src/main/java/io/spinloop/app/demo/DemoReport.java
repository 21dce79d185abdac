package io.spinloop.app.demo;

import io.spinloop.app.chip.ChipExperiment;
import java.util.Map;

/** report.md of a demo run: what each step did, the figures, and the plots. */
final class DemoReport {
    private DemoReport() {
    }

    static String markdown(Map<String, Object> summary, Map<String, Double> mse, ChipExperiment.Options o) {
        StringBuilder b = new StringBuilder();
        b.append("# spinloop demo report\n\n");
        b.append("Bench: `").append(summary.get("config")).append("`").append(Boolean.TRUE.equals(summary.get("quick"))
                ? " (`--quick` smoke run: small sizes, figures not meant to be quoted)" : "").append(".\n\n");
        if (summary.get("pace") instanceof Map<?, ?> pace) {
            b.append("List pace (`--pace`): ").append(pace.get("name")).append(" (").append(pace.get("settings"))
                    .append("); deployment and chip-in-the-loop play at the calibration's.\n\n");
        }
        b.append("Task: Mackey-Glass (β = 0.2, γ = 0.1, n = 10, τ = 17), sampled every ")
                .append(fmt(o.sampling())).append(" time units, predict ").append(o.horizon())
                .append(" samples ahead; the host feeds ").append(o.taps()).append(" delayed samples per step. ")
                .append("Network: ").append(o.neurons()).append(" oscillator neurons time-multiplexed over the bench's ")
                .append("devices, feed-forward, linear readout. Errors are MSE on the series normalised to zero mean ")
                .append("and unit variance (NRMSE ≈ √MSE).\n\n");
        b.append("## Steps\n\n");
        b.append("1. Started the bench and characterised every device with current sweeps of the spectrum ")
                .append("(`characterise.h5`, ![device curves](device-curves.png)).\n");
        b.append("2. Recorded each device's calibration sequences (random walks over its working window, each a source ")
                .append("list read in zero span, the line retracked before every list) through the measurement layer into ")
                .append("`/sequences` of `neurons-<device>.h5`; ");
        if (Boolean.TRUE.equals(summary.get("twin_is_sde"))) {
            b.append("fitted the twin module's neural SDE (observed state: the zero-span power; input: the drive) on ")
                    .append("the sequences not held out, wrote it as `twin-<device>.h5`, read it back and ran the ")
                    .append("network's neurons on it ![twin vs measurement](twin-vs-measurement.png).\n");
        } else {
            b.append("fitted the twin module's neural SDE to them (`twin-<device>.h5`, validated below); the network's ")
                    .append("neurons ran on the piecewise-linear mean and noise of the readings (`--twin response`, the ")
                    .append("default: networks trained on the neural SDE transfer badly, see the README) ")
                    .append("![twin vs measurement](twin-vs-measurement.png).\n");
        }
        b.append("3. Trained the network noise-aware on the twins (the twins' noise sampled in every forward pass); ")
                .append("weights in `weights-twin-trained.json`, which `spinloop deploy` and `spinloop chip-train` ")
                .append("read with the twins of this directory (`response-twin-<device>.json`, `twin-<device>.h5`).\n");
        b.append("4. Deployed the weights on the chip: drives as source list sweeps, readings in zero span, sums on ")
                .append("the host.\n");
        b.append("5. Fine-tuned chip-in-the-loop: forward on the chip, backward through the twins at the measured ")
                .append("drives; checkpointed after every step (`chip-training.checkpoint.json` holds the final weights) ")
                .append("![learning curves](learning-curves.png).\n");
        b.append("6. Did the same for sequential digits on the same chip (below).\n\n");
        Object twins = ((Map<?, ?>) summary.get("steps")).get("twins");
        if (twins instanceof java.util.List<?> list && !list.isEmpty() && ((Map<?, ?>) list.get(0))
                .containsKey("validation_held_out")) {
            b.append("## Twin validation on held-out calibration sequences\n\n");
            b.append("Twin module `Validator`: the twin sampled on sequences never used in fitting, against half of the ")
                    .append("measured repeats; floor = one half of the measured repeats against the other. Units: the ")
                    .append("standard deviation of the measured power.\n\n");
            b.append("| device | figure | neural SDE | piecewise-linear | floor | SDE / floor |\n|---|---|---|---|---|---|\n");
            for (Object o2 : list) {
                Map<?, ?> t = (Map<?, ?>) o2;
                Map<?, ?> v = (Map<?, ?>) t.get("validation_held_out");
                Map<?, ?> base = (Map<?, ?>) t.get("validation_piecewise_linear_baseline");
                for (String[] f : new String[][] {{"mean_error", "mean-trajectory error"}, {"spread_error", "spread error"},
                    {"autocorrelation_error", "autocorrelation error"}, {"wasserstein1", "Wasserstein-1"}}) {
                    java.util.List<?> tv = (java.util.List<?>) v.get(f[0]);
                    java.util.List<?> bv = (java.util.List<?>) base.get(f[0]);
                    double twin = ((Number) tv.get(0)).doubleValue();
                    double floor = ((Number) tv.get(1)).doubleValue();
                    b.append(String.format("| %s | %s | %.4f | %.4f | %.4f | %.2f |%n", t.get("device"), f[1], twin,
                            ((Number) bv.get(0)).doubleValue(), floor, twin / floor));
                }
            }
            b.append("\n");
        }
        b.append("## Test error\n\n| stage | test MSE |\n|---|---|\n");
        mse.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(String.format("%.4f", v)).append(" |\n"));
        b.append("\n![errors](errors.png)\n\n");
        if (summary.get("digits") instanceof Map<?, ?> d) {
            b.append("## Sequential digits on the chip\n\n");
            b.append("The 8×8 digits as 8 rows of 8 pixels, one row per time step; ").append(d.get("neurons"))
                    .append(" neurons time-multiplexed over the devices; a readout of all 8 rows' readings; ")
                    .append(d.get("train_images")).append(" training and ").append(d.get("test_images"))
                    .append(" test images; ").append(d.get("twin_epochs")).append(" epochs on the twins, ")
                    .append(d.get("chip_epochs")).append(" chip-in-the-loop (weights in `").append(d.get("weights"))
                    .append("`).\n\n| stage | test accuracy |\n|---|---|\n");
            ((Map<?, ?>) d.get("test_accuracy")).forEach((k, v) -> b.append("| ").append(k).append(" | ")
                    .append(String.format("%.4f", ((Number) v).doubleValue())).append(" |\n"));
            b.append("\n![digits accuracy](digits-accuracy.png)\n\n");
        }

        b.append(String.format("Run time: %.1f s. Machine-readable figures: `summary.json`.%n", summary.get("seconds")));
        return b.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
