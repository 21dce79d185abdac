/**
 * A small reverse-mode differentiation core over batch-major {@code double} tensors.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link io.spinloop.autodiff.Tensor}: a rows x cols matrix, rows = batch. Leaves are constants
 *       (inputs) or variables (parameter values); every other tensor is made by an op on a tape.</li>
 *   <li>{@link io.spinloop.autodiff.Tape}: records each op's analytic backward step; {@code backward(loss)}
 *       plays them in reverse. {@code reset()} makes it ready for the next batch and reuses its buffers,
 *       so one tape per thread serves a whole training run, hundreds of time steps per pass.</li>
 *   <li>Ops, all with analytic backward: {@link io.spinloop.autodiff.MatrixOps} (products, masked
 *       products, bias, column slices), {@link io.spinloop.autodiff.ElementwiseOps} (broadcasting
 *       arithmetic, tanh, sigmoid, softplus, exp, ...), {@link io.spinloop.autodiff.ReduceOps},
 *       {@link io.spinloop.autodiff.LossOps} (log-softmax, cross-entropy, MSE).</li>
 *   <li>Fused cells: any hot per-time-step computation can be one op: compute the output into
 *       {@code tape.newTensor(...)}, then {@code tape.record(out, () -> ...)} with a lambda that reads
 *       {@code tape.grad(out)} and adds into {@code tape.grad(input)} for each input (null = no gradient
 *       needed). {@link io.spinloop.autodiff.MatMulKernels} has the plain-loop products for such cells.</li>
 *   <li>{@link io.spinloop.autodiff.Parameter} / {@link io.spinloop.autodiff.Parameters}: named trainable
 *       tensors with fixed masks, gradient accumulation from one or several tapes, per-element clipping
 *       and NaN detection; {@link io.spinloop.autodiff.Adam}, {@link io.spinloop.autodiff.Sgd},
 *       {@link io.spinloop.autodiff.LearningRateSchedule} (the seed's {@code lr0/(epoch/decay+1)}).</li>
 *   <li>{@link io.spinloop.autodiff.GradientCheck}: central finite differences against the tape, for
 *       tests in any module.</li>
 * </ul>
 *
 * <h2>A model and a training step</h2>
 * <pre>{@code
 * Parameters params = new Parameters();
 * Parameter w = params.add(Parameter.of("w", 4, 3, initialWeights));      // in x out
 * Parameter b = params.add(Parameter.of("b", 1, 3, new double[3]));
 * Optimizer adam = new Adam();
 * LearningRateSchedule lr = LearningRateSchedule.inverseTime(0.01, 8.0);
 * Tape tape = new Tape();
 *
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     for (Batch batch : batches) {
 *         tape.reset();                                                     // replay: same buffers
 *         Tensor x = Tensor.constant(batch.size(), 4, batch.features());    // batch-major
 *         Tensor logits = MatrixOps.linear(tape, x, w.value(), b.value());
 *         Tensor loss = LossOps.softmaxCrossEntropy(tape, logits, batch.labels());
 *         tape.backward(loss);
 *         params.zeroGrad();
 *         params.accumulate(tape);           // with several worker tapes: accumulate each, in a fixed order
 *         params.clipElementwise(1.0);
 *         params.firstNonFiniteGradient().ifPresent(where -> { throw new ArithmeticException(where); });
 *         adam.step(params, lr.at(epoch));
 *     }
 * }
 * }</pre>
 *
 * <p>Weights are stored inputs x outputs ({@code y = x w + b}), so the forward product runs along
 * contiguous output rows. The module depends on nothing of ours.
 */
package io.spinloop.autodiff;
