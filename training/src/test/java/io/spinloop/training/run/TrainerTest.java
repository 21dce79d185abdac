package io.spinloop.training.run;

import io.spinloop.training.loop.TrainingDivergedException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinloop.autodiff.Parameter;
import io.spinloop.training.data.SequenceDataset;
import io.spinloop.training.neuron.Integrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    /** A small network on a subset, so that a few epochs take well under a second. */
    static TrainingConfig small(ModelKind model, int epochs, int threads) {
        return new TrainingConfig("digits", model, epochs, 3, 0, 1.0, 5.0, 0.02, 8.0, 0.5, 0.5, 0.5, 1.0, 2, 12, 40,
                1.0, Integrator.EXACT, 1, 1.0, threads, 160, 80);
    }

    private static List<EpochMetrics> train(TrainingConfig c) {
        SequenceDataset.Split d = RunDirectory.data(c);
        List<EpochMetrics> h = new ArrayList<>();
        try (Trainer t = new Trainer(c, d.train(), d.test())) {
            for (int e = 0; e < c.epochs(); e++) {
                h.add(t.runEpoch());
            }
        }
        return h;
    }

    @Test
    void shortTrainingLowersTheLossForBothModels() {
        for (ModelKind m : ModelKind.values()) {
            TrainingConfig c = small(m, 6, 2);
            SequenceDataset.Split d = RunDirectory.data(c);
            try (Trainer t = new Trainer(c, d.train(), d.test())) {
                double before = t.evaluate(d.train()).loss();
                for (int e = 0; e < c.epochs(); e++) {
                    t.runEpoch();
                }
                double after = t.evaluate(d.train()).loss();
                // Chance level is ln 10 = 2.30; demand a clear drop, not noise.
                assertTrue(after < before - 0.15, m + ": train loss " + before + " -> " + after);
            }
        }
    }

    @Test
    void sameSeedAndThreadsGiveIdenticalRuns() {
        List<EpochMetrics> a = train(small(ModelKind.SPINTRONIC, 2, 2));
        List<EpochMetrics> b = train(small(ModelKind.SPINTRONIC, 2, 2));
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).trainLoss(), b.get(i).trainLoss(), 0.0);
            assertEquals(a.get(i).testLoss(), b.get(i).testLoss(), 0.0);
        }
        List<EpochMetrics> other = train(small(ModelKind.SPINTRONIC, 2, 2).withSeed(4));
        assertTrue(other.get(1).trainLoss() != a.get(1).trainLoss(), "another seed gives another run");
    }

    @Test
    void divergenceIsReportedWithEpochAndParameter() {
        TrainingConfig c = small(ModelKind.CTRNN, 2, 1);
        SequenceDataset.Split d = RunDirectory.data(c);
        try (Trainer t = new Trainer(c, d.train(), d.test())) {
            Parameter w = t.network().parameters().get("readout.w");
            double[] v = w.value().data().clone();
            v[3] = Double.POSITIVE_INFINITY;
            w.set(v);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::runEpoch);
            assertEquals(0, e.epoch());
            assertTrue(e.getMessage().contains("epoch 0"), e.getMessage());
            assertTrue(e.where().matches("[a-z0-9_.]+\\[\\d+]=(NaN|-?Infinity)|NaN|-?Infinity"), e.where());
        }
    }

    @Test
    void resumedRunEndsExactlyLikeAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        TrainingConfig c = small(ModelKind.SPINTRONIC, 3, 2);
        RunDirectory whole = new RunDirectory(tmp.resolve("whole"));
        RunDirectory.Result r1 = whole.train(c, m -> { });

        RunDirectory parts = new RunDirectory(tmp.resolve("parts"));
        parts.train(c.withEpochs(1), m -> { });
        RunDirectory.Result r2 = parts.train(c, m -> { });
        assertEquals(1, r2.resumedFromEpoch());
        assertEquals(3, r2.history().size());
        for (int i = 0; i < 3; i++) {
            assertEquals(r1.history().get(i).testLoss(), r2.history().get(i).testLoss(), 0.0);
        }
        // Same weights on disk.
        Trainer a = new Trainer(c, RunDirectory.data(c).train(), RunDirectory.data(c).test());
        Trainer b = new Trainer(c, RunDirectory.data(c).train(), RunDirectory.data(c).test());
        Checkpoint.restore(tmp.resolve("whole").resolve(RunDirectory.WEIGHTS), a.network().parameters(), a.optimizer());
        Checkpoint.restore(tmp.resolve("parts").resolve(RunDirectory.WEIGHTS), b.network().parameters(), b.optimizer());
        for (Parameter p : a.network().parameters().list()) {
            assertArrayEquals(p.value().data(), b.network().parameters().get(p.name()).value().data(), p.name());
        }
        a.close();
        b.close();
        String metrics = Files.readString(tmp.resolve("parts").resolve(RunDirectory.METRICS));
        assertTrue(metrics.contains("\"status\" : \"finished\""), metrics);
        assertTrue(metrics.contains("final_test_accuracy"), metrics);
        assertTrue(Files.exists(tmp.resolve("parts").resolve(RunDirectory.CONFIG)));
    }

    @Test
    void aDirectoryHoldingAnotherRunIsNotOverwritten(@TempDir Path tmp) {
        TrainingConfig c = small(ModelKind.SPINTRONIC, 1, 1);
        RunDirectory dir = new RunDirectory(tmp);
        dir.train(c, m -> { });
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> dir.train(c.withHyper(7.0, c.lr0(), c.decay(), c.amplification(), c.initScale()), m -> { }));
        assertTrue(e.getMessage().contains("tauNs"), e.getMessage());
    }

    @Test
    void badSettingsNameTheirOption() {
        TrainingConfig c = small(ModelKind.SPINTRONIC, 1, 1);
        InvalidOptionException tau = assertThrows(InvalidOptionException.class,
                () -> c.withHyper(-1, c.lr0(), c.decay(), c.amplification(), c.initScale()));
        assertEquals("--tau", tau.option());
        InvalidOptionException dens = assertThrows(InvalidOptionException.class, () -> c.withDensities(0.5, 0));
        assertEquals("--density-intra", dens.option());
        assertThrows(InvalidOptionException.class, () -> c.withDensities(1.5, 0.5));
        InvalidOptionException task = assertThrows(InvalidOptionException.class, () -> new TrainingConfig("mnist",
                ModelKind.CTRNN, 1, 0, 0, 1, 1, 1, 1, 0.5, 0.5, 0.5, 1, 1, 1, 1, 1, Integrator.EXACT, 1, 1, 1, 0, 0));
        assertTrue(task.getMessage().contains("mnist"));
    }
}
