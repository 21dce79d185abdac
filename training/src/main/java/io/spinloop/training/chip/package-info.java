/**
 * Networks of oscillator neurons on the bench: twin neurons, deployment on the chip, chip-in-the-loop training.
 *
 * <p>The bench is quasi-static (DESIGN.md "Time scales"): a SourceMeter list point lasts about 1 ms, a hundred
 * thousand relaxation times, so each point shows the device's stationary response plus noise. The network is
 * therefore a discrete-time {@link io.spinloop.training.chip.QuasiStaticNetwork}: at each step the host computes
 * drive currents, each neuron maps its drive to a reading, the host forms the next sums and the readout. Neurons
 * are time-multiplexed over the bench's devices ({@link io.spinloop.training.chip.DriveMap}).
 *
 * <ul>
 *   <li>{@link io.spinloop.training.chip.NeuronBank}: where neurons run. {@link io.spinloop.training.chip.TwinNeurons}
 *       on any {@link io.spinloop.twin.DeviceModel} (deterministic or noise-aware);
 *       {@link io.spinloop.training.chip.ChipNeurons} on the bench, with twin slopes for the backward pass.</li>
 *   <li>The bench is lab's: {@link io.spinloop.lab.chip.ChipChannel} plays one device's drives (list sweeps, zero
 *       span, reconnect on a dropped connection), counting {@link io.spinloop.lab.list.RoundTrips};
 *       {@link io.spinloop.lab.chip.DeviceCalibration} records a device's response as a neuron and fits its
 *       quasi-static stochastic twin ({@link io.spinloop.twin.neuron.ResponseTwin});
 *       {@link io.spinloop.training.chip.ChipSetup} connects and calibrates the bench's devices as a network's
 *       neurons.</li>
 *   <li>{@link io.spinloop.training.chip.TwinTraining} (off-chip) and {@link io.spinloop.training.chip.ChipTraining}
 *       (chip-in-the-loop, checkpointed, resumable).</li>
 * </ul>
 */
package io.spinloop.training.chip;
