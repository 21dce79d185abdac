package io.spinloop.app.train;

import io.spinloop.training.run.ModelKind;
import picocli.CommandLine.Option;

/**
 * {@code --task} and {@code --model} of seed 000's multilayer network, for {@code tune} and the studies (a picocli
 * mixin). {@code train} has its own, since it trains the papers' other networks too.
 */
public final class MultilayerModelOptions {
    @Option(names = "--task", defaultValue = "digits", description = "Task: digits (sequential 8x8 digits; default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--model", defaultValue = "spintronic", description = "Neurons: spintronic or ctrnn (default: ${DEFAULT-VALUE}).")
    ModelKind model;
}
