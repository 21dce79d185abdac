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
        b.append("Task: Mackey-Glass (β = 0.2, γ = 0.1, n = 10, τ = 17), sampled every ")
                .append(fmt(o.sampling())).append(" time units, predict ").append(o.horizon())
                .append(" samples ahead; the host feeds ").append(o.taps()).append(" delayed samples per step. ")
                .append("Network: ").append(o.neurons()).append(" oscillator neurons time-multiplexed over the bench's ")
                .append("devices, feed-forward, linear readout. Errors are MSE on the series normalised to zero mean ")
                .append("and unit variance (NRMSE ≈ √MSE).\n\n");
        b.append("## Steps\n\n");
        b.append("1. Started the bench and characterised every device with current sweeps of the spectrum ")
                .append("(`characterise.h5`, ![device curves](device-curves.png)).\n");
        b.append("2. Recorded zero-span list sequences at drives spread over each device's working window and fitted ")
                .append("each device's quasi-static stochastic twin (mean and noise of the reading versus drive) ")
                .append("![twin vs measurement](twin-vs-measurement.png).\n");
        b.append("3. Trained the network noise-aware on the twins (the twins' noise sampled in every forward pass); ")
                .append("weights in `weights-twin-trained.json`.\n");
        b.append("4. Deployed the weights on the chip: drives as source list sweeps, readings in zero span, sums on ")
                .append("the host.\n");
        b.append("5. Fine-tuned chip-in-the-loop: forward on the chip, backward through the twins at the measured ")
                .append("drives; checkpointed after every step (`chip-training.checkpoint.json` holds the final weights) ")
                .append("![learning curves](learning-curves.png).\n\n");
        b.append("## Test error\n\n| stage | test MSE |\n|---|---|\n");
        mse.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(String.format("%.4f", v)).append(" |\n"));
        b.append("\n![errors](errors.png)\n\n");
        b.append("Not in this demo: the twin module's neural-SDE / auto-oscillator fit of `/sequences` (its observation, ")
                .append("k·I²·p, is not what zero span reads when the line moves by hundreds of MHz with the drive), ")
                .append("and the sequential-digits task on the bench.\n\n");
        b.append(String.format("Run time: %.1f s. Machine-readable figures: `summary.json`.%n", summary.get("seconds")));
        return b.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
