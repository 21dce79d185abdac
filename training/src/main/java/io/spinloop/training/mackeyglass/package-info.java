/**
 * The Mackey-Glass forecast of seed 004: the delay equation {@link io.spinloop.training.mackeyglass.MackeyGlass},
 * its windows for an n-step-ahead forecast ({@link io.spinloop.training.mackeyglass.ForecastTask}), the error
 * measures ({@link io.spinloop.training.mackeyglass.ForecastError}) and the baseline a lab compares against
 * ({@link io.spinloop.training.mackeyglass.RidgeReadout}, a linear readout fitted in closed form).
 */
package io.spinloop.training.mackeyglass;
