/**
 * Twins of one device as a network neuron sees it: drive current in, zero-span reading (as an activation of its
 * {@link io.spinloop.twin.neuron.ReadingScale}) out, over the window its calibration covered.
 *
 * <ul>
 *   <li>{@link io.spinloop.twin.neuron.NeuronTwin}: the view; {@link io.spinloop.twin.neuron.ResponseTwin}
 *       (piecewise-linear mean and noise, in {@link io.spinloop.twin.neuron.ResponseTwinFile}s) and
 *       {@link io.spinloop.twin.neuron.SdeNeuronTwin} (any twin-file model, e.g. a neural SDE, with the neuron's
 *       window and scale in its provenance).</li>
 *   <li>{@link io.spinloop.twin.neuron.NeuronTwinFit}: fits a neural-SDE neuron twin from a
 *       {@link io.spinloop.twin.neuron.NeuronCalibration} the bench recorded.</li>
 * </ul>
 *
 * <p>Here rather than in training: a neuron twin is a device model and a file, fitted and validated by this module;
 * the networks that run on neurons (training) and the bench that calibrates them only use it. It depends on the
 * twin's models, files and fits, never on the bench or on training.
 */
package io.spinloop.twin.neuron;
