package io.spinloop.app.train;

import io.spinloop.app.cli.OptionChecks;
import io.spinloop.lab.config.Limits;

/**
 * The memory the p(I) network and the coupled macrospins need, estimated before a run starts so that an absurd {@code --oscillators} is
 * refused with the estimate instead of ending in an OutOfMemoryError: the N x N coupling or weight matrix about
 * eight times over (value, gradient, Adam's moments, per-step copies), and the states of a batch at every
 * integration step (RK4 stages and their gradients).
 */
final class NetworkSize {
    private NetworkSize() {
    }

    static void check(String sizedBy, long oscillators, long batch, long steps) {
        String array = Limits.arrayLength(Limits.saturatedProduct(oscillators, oscillators), "the coupling matrix");
        if (array != null) {
            OptionChecks.budget(sizedBy + ":", array);
        }
        OptionChecks.memory(sizedBy, Limits.saturatedSum(Limits.saturatedProduct(oscillators, oscillators, 8, 8),
                Limits.saturatedProduct(batch, steps, oscillators, 8, 16)));
    }
}
