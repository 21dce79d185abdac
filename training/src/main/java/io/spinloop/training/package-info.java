/**
 * Training of networks whose neurons are oscillators.
 *
 * <ul>
 *   <li>{@code neuron}: {@link io.spinloop.training.neuron.NeuronModel}, the seam where a neuron kind plugs
 *       in (seed-000 oscillator, CTRNN; later a digital twin or a device on the bench), with exact and RK4
 *       integration and analytic Jacobians.</li>
 *   <li>{@code network}: {@link io.spinloop.training.network.MultilayerNetwork}, the seed-000 multilayer
 *       network, one fused autodiff op per layer and time step.</li>
 *   <li>{@code data}: the sequential-digits task.</li>
 *   <li>{@code run}: {@link io.spinloop.training.run.Trainer} (BPTT, Adam, decay, clipping, threads) and
 *       {@link io.spinloop.training.run.RunDirectory} (config, metrics, HDF5 checkpoints, resume).</li>
 *   <li>{@code tune}: TPE sampler, median pruner, parallel hyper-parameter study.</li>
 *   <li>{@code study}: seed statistics (median, quartiles) over variants of a config.</li>
 * </ul>
 */
package io.spinloop.training;
