/**
 * The HDF5 measurement store: crash-safe recording of measurement runs, recovery of interrupted ones, and
 * a validating reader.
 *
 * <h2>Recording a run</h2>
 * <pre>{@code
 * Provenance p = Provenance.builder(SpinloopVersion.current())
 *         .labConfig(Files.readString(configPath))
 *         .instrument("source", source.idn())
 *         .instrument("analyzer", analyzer.idn())
 *         .seed("emulator", 42)
 *         .physicallyMeasurable(true, "")
 *         .build();
 * try (MeasurementRecorder rec = MeasurementRecorder.create(out, p, OverwritePolicy.REFUSE)) {
 *     SweepRecorder s = rec.beginSweep("stno-1", frequencyHz, Map.of("rbw_Hz", 1e6, "span_Hz", 2e9));
 *     for (double i : currentsA) {
 *         double[] trace = analyzer.singleSweep();
 *         LineFit fit = ...;                       // derived by the runner
 *         s.addPoint(i, trace, fit.centreHz(), fit.powerW(), fit.fwhmHz());
 *     }
 *     s.finish();
 *     SequenceRecorder q = rec.beginSequences("stno-1", timeS, repeats, Map.of("dwell_s", 1e-3));
 *     for (int r = 0; r < repeats; r++) {
 *         for (int k = 0; k < drives.length; k++) {
 *             q.addRepeat(k, r, drives[k], measurePower(drives[k]));
 *         }
 *     }
 *     q.finish();
 * }                                                // close(): the HDF5 file appears, complete, atomically
 * }</pre>
 *
 * <h2>What guarantees what</h2>
 * <ul>
 *   <li>Every {@code addPoint}/{@code addRepeat} appends one length-prefixed, CRC32-checked record to
 *       {@code F.h5.journal} with one {@code write}; when the call returns, the point survives the death of the
 *       process (SIGKILL included). With {@link io.spinloop.measurements.JournalSync#EVERY_RECORD} it also
 *       survives a power cut, at the cost of a disk flush per point. Nothing of the data stays in the heap
 *       during the run.</li>
 *   <li>{@code close()} replays the journal into {@code F.h5.tmp} with jHDF (which builds the whole file in
 *       memory and writes it at its own close, without fsync), flushes it, renames it atomically to {@code F.h5}
 *       and deletes the journal. Readers never see a partial {@code F.h5}.</li>
 *   <li>An existing {@code F.h5} is refused at {@code create} and again at publication (by a hard link, which
 *       cannot replace), unless {@link io.spinloop.measurements.OverwritePolicy#REPLACE} is given; even then the
 *       old file is replaced only by the rename of a complete new one. A leftover journal (an interrupted,
 *       unrecovered run) blocks a new run on the same file.</li>
 *   <li>{@link io.spinloop.measurements.MeasurementRecovery#recover(java.nio.file.Path)} turns a journal into
 *       the file: every intact record is kept, a torn last record is dropped, and the root attributes say
 *       {@code recovered = 1} with the number of points kept and bytes dropped. A record damaged in the middle
 *       is skipped and reading resumes at the next record whose length, type and CRC check; such a journal is
 *       kept as {@code F.h5.journal.damaged}, never deleted, and the file's {@code recovered_damage} says what
 *       was lost. It refuses a journal still locked by a live run, naming the run.</li>
 *   <li>{@link io.spinloop.measurements.MeasurementFile#open(java.nio.file.Path)} refuses a file shorter than the
 *       end-of-file address of its superblock (a cut file, which jHDF alone reads as zeros) and a dataset whose
 *       data lies past the end; whatever jHDF throws on damaged bytes becomes an
 *       {@link io.spinloop.measurements.InvalidMeasurementFileException} naming the file.</li>
 * </ul>
 *
 * <h2>File layout</h2>
 * Root attributes: {@code format = "spinloop-measurements"}, {@code format_version}, {@code run_id},
 * {@code created_utc}, {@code finalised_utc}, {@code spinloop_version}, {@code lab_config},
 * {@code physically_measurable} (int8 0/1), {@code measurability_note}, {@code idn.<instrument>},
 * {@code seed.<name>}, {@code meta.<key>}, {@code recovered} (+ {@code recovered_utc},
 * {@code recovered_points}, {@code recovered_dropped_bytes}, and {@code recovered_damage} when the journal was
 * damaged).
 * <ul>
 *   <li>{@code /sweeps/<i>}: {@code current_A} (N), {@code frequency_Hz} (M), {@code spectrum_dBm} (N×M),
 *       {@code peak_frequency_Hz}, {@code power_W}, {@code linewidth_Hz}, {@code timestamp_s} (N); attributes
 *       {@code device_id}, {@code complete}, {@code n_points} and the analyzer settings. NaN in
 *       {@code peak_frequency_Hz} and {@code linewidth_Hz} means no line was found (below threshold); every
 *       other value is finite. A sweep with no points has only {@code frequency_Hz} (HDF5 via jHDF cannot
 *       hold empty datasets).</li>
 *   <li>{@code /sequences}: {@code time_s} (T), {@code sequence_index} (S), {@code drive_A} (S×T),
 *       {@code power_W} (S×R×T), {@code timestamp_s} (S×R); attributes {@code device_id}, {@code repeats} (R),
 *       {@code n_sequences} (S), {@code complete} and the settings. Only sequences with all R repeats are in
 *       these arrays, so they are always rectangular and fully measured; repeats of sequences that a crash
 *       left unfinished are kept in {@code /sequences/incomplete} ({@code sequence_index}, {@code repeat_index}
 *       (K), {@code drive_A}, {@code power_W} (K×T), {@code timestamp_s} (K)). One sequence set per file.</li>
 * </ul>
 * Every dataset carries {@code units} and {@code description} attributes. Booleans are stored as int8 0/1
 * because h5py cannot read HDF5 bitfields.
 *
 * <h2>Reading</h2>
 * {@link io.spinloop.measurements.MeasurementFile#open(java.nio.file.Path)} reads the whole file into typed
 * records and checks it; {@code requireSequences()} is what twin fitting calls (the largest block of complete
 * rounds of repeats, see {@link io.spinloop.measurements.SequenceSet#completeRounds()}); {@code describe()} is the
 * summary behind {@code spinloop data info}.
 *
 * <h2>Heap</h2>
 * The run itself needs no heap for its data. Finalising and reading hold the data once (plus jHDF's buffers):
 * see the README ("Measurement runs and HDF5") and {@link io.spinloop.measurements.Hdf5Benchmark} for the
 * measured figures.
 */
package io.spinloop.measurements;
