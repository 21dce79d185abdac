/**
 * The emulated instruments: a base per family holding everything the models of that family share, and one
 * class per model holding what differs.
 *
 * <ul>
 *   <li>{@link io.spinloop.emulator.instruments.Instrument}: command tree, error queue, IEEE 488.2 status and
 *       pending operations, the common commands.</li>
 *   <li>{@link io.spinloop.emulator.instruments.SourceMeter}: the current-source state machine (levels, source
 *       list, trigger model, compliance, reading buffer, trigger link, history); models
 *       {@link io.spinloop.emulator.instruments.Keithley2400} and
 *       {@link io.spinloop.emulator.instruments.Keithley2450}, the current source
 *       {@link io.spinloop.emulator.instruments.Keithley6221} (it measures nothing) and the Keysight
 *       {@link io.spinloop.emulator.instruments.KeysightB2900} (B2901A; B2902A, one source per channel). The 2400
 *       and the B2900 share the 2400's way of running a list and its compliance headers
 *       ({@link io.spinloop.emulator.instruments.ListModeSourceMeter}).</li>
 *   <li>{@link io.spinloop.emulator.instruments.SpectrumAnalyzer}: sweeps, couplings, trace synthesis, markers,
 *       zero span, averaging, trace formats; models {@link io.spinloop.emulator.instruments.KeysightXSeries}
 *       (N9010B, N9020B, N9030B), {@link io.spinloop.emulator.instruments.RohdeSchwarzFsv} and
 *       {@link io.spinloop.emulator.instruments.RohdeSchwarzFsw}.</li>
 *   <li>{@link io.spinloop.emulator.instruments.InstrumentModels}: every model by name; the bench builds its
 *       instruments only through it.</li>
 * </ul>
 *
 * <h2>Adding a model</h2>
 * <ol>
 *   <li>Write one class extending the family's base, say {@code Keithley2401 extends SourceMeter}. It declares
 *       its {@code Model} (registry name, {@link io.spinloop.emulator.instruments.ModelIdentity *IDN?} fields,
 *       its constructor as factory) and implements the base's abstract methods: capabilities (list capacity,
 *       values per command; frequency range, RBW steps, trace points), timing (overhead per point), defaults and
 *       the commands that differ (compliance headers, how a list runs, how readings come back). The optional
 *       hooks ({@code registerModelCommands}, {@code sweepLevels}, …) add commands only the model has. A model
 *       that differs from an existing one only in its identity needs no class: a {@code Model} with that class's
 *       constructor. Hooks run from the base constructor, so model fields they set take no initialisers.</li>
 *   <li>Register it: one line in {@link io.spinloop.emulator.instruments.InstrumentModels}'s static block (or
 *       {@code InstrumentModels.register(Keithley2401.MODEL)} from a test). {@code EmulatedBench.Builder}'s
 *       plain-value methods then find it by name ({@code keithley-2401}, {@code 2401}) and serve it.</li>
 *   <li>Optionally, a constant in {@link io.spinloop.emulator.instruments.SourceModel} or
 *       {@link io.spinloop.emulator.instruments.AnalyzerModel} for typed callers, and a test like
 *       {@code NewModelSeamTest}.</li>
 * </ol>
 * The drivers find a model by its {@code *IDN?}; a model they do not know is refused by {@code model: auto}. A
 * lab config's {@code emulator.models} names only models the drivers and lab know, so a model for lab configs
 * is also taught to them (outside this module).
 */
package io.spinloop.emulator.instruments;
