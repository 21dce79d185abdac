package io.spinloop.twin.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.spinloop.autodiff.Tape;
import io.spinloop.autodiff.Tensor;
import io.spinloop.twin.neuron.ResponseTwin;
import io.spinloop.twin.neuron.ResponseTwinFile;
import io.spinloop.twin.neuron.SdeNeuronTwin;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Twin files written before issue 13 (resources in before-issue-13/, one per kind a file holds, see its README) still
 * open, give the numbers the code of then computed from them, and are written again byte for byte in the same
 * layout: the same kind names, attributes, datasets and values (only the creation time differs).
 */
class BeforeIssue13FilesTest {
    private static final String DIR = "before-issue-13/";
    private static final double[][] DRIVES = {{0.8e-3, 1.2e-3, 1.9e-3, 2.4e-3, 1.5e-3}};
    private static Properties expected;

    @TempDir
    Path tmp;

    @BeforeAll
    static void expected() throws Exception {
        expected = new Properties();
        try (Reader r = Files.newBufferedReader(resource("expected.properties"))) {
            expected.load(r);
        }
    }

    private static Path resource(String name) throws Exception {
        return Path.of(BeforeIssue13FilesTest.class.getResource(DIR + name).toURI());
    }

    private static double[] expected(String key) {
        String v = expected.getProperty(key);
        assertNotNull(v, key);
        return Arrays.stream(v.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    /** Equal to the last bits or nearly: the same model, but the kernels' tanh is an approximation (FastMath). */
    private static void assertSame(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            // 1e-9, was 1e-12: the fused kernels now use FastMath.tanh (within 2e-10 of Math.tanh per activation);
            // the files were sampled with Math.tanh, and the moved figures differ by ~1e-11 relative.
            assertEquals(want[i], got[i], 1e-9 * Math.abs(want[i]), what + "[" + i + "]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"neural-sde.h5", "physics-residual.h5", "auto-oscillator.h5", "sde-neuron-twin.h5"})
    void opensAndSamplesAsBefore(String name) throws Exception {
        TwinRecord r = TwinFile.read(resource(name));
        double[][][] y = r.twin().sample(DRIVES, 2, 11, true);
        assertSame(expected(name + ".sample.0"), y[0][0], name + " repeat 0");
        assertSame(expected(name + ".sample.1"), y[0][1], name + " repeat 1");
        assertEquals("a.h5", r.provenance().get("data_files"));
        assertTrue(r.fittedDriveRange().isPresent(), "drive range of " + name);
        assertEquals(!name.startsWith("auto"), r.validation() != null, "validation of " + name);
    }

    @Test
    void theKindsAreTheOnesWrittenThen() throws Exception {
        assertEquals("neural-sde", TwinFile.read(resource("neural-sde.h5")).twin().model().kind());
        assertEquals("physics-residual", TwinFile.read(resource("physics-residual.h5")).twin().model().kind());
        assertEquals("auto-oscillator", TwinFile.read(resource("auto-oscillator.h5")).twin().model().kind());
        assertEquals("neural-sde", TwinFile.read(resource("sde-neuron-twin.h5")).twin().model().kind());
    }

    @Test
    void theSdeNeuronTwinRunsAsBefore() throws Exception {
        TwinRecord r = TwinFile.read(resource("sde-neuron-twin.h5"));
        SdeNeuronTwin n = SdeNeuronTwin.of(r, "sde-neuron-twin.h5");
        assertEquals("stno-a", n.device());
        assertEquals(0.5e-3, n.lowA());
        assertEquals(2.5e-3, n.highA());
        assertEquals(-90, n.scale().floorDbm());
        assertEquals(30, n.scale().spanDb());
        assertTrue(r.twin().normalisation().logPower());
        assertEquals(8e6, ((Number) r.provenance().get("neuron_rbw_Hz")).doubleValue(), "the bench's readout is kept");
        double[] u = DRIVES[0];
        Tape tape = new Tape();
        Tensor ut = Tensor.constant(u.length, 1, u.clone());
        Tensor xi = Tensor.constant(u.length, 1, new double[] {0.3, -1.1, 0.0, 0.7, -0.2});
        assertSame(expected("sde-neuron-twin.h5.activation"), n.observe(tape, n.step(tape, null, ut, 0, xi), ut).data(),
                "activation");
    }

    @Test
    void theResponseTwinOpensAsBefore() throws Exception {
        ResponseTwinFile.Loaded l = ResponseTwinFile.read(resource("response-twin.json"));
        ResponseTwin t = l.twin();
        assertEquals("stno-b", t.device());
        double[] m = new double[DRIVES[0].length];
        double[] s = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = t.meanAt(DRIVES[0][i]);
            s[i] = t.noiseAt(DRIVES[0][i]);
        }
        assertSame(expected("response-twin.json.mean"), m, "mean");
        assertSame(expected("response-twin.json.noise"), s, "noise");
        assertEquals(9, l.readout().size());
        assertEquals(1.8e-3, ((Number) l.readout().get("neuron_point_period_s")).doubleValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"neural-sde.h5", "physics-residual.h5", "auto-oscillator.h5", "sde-neuron-twin.h5"})
    void isWrittenAgainInTheSameLayout(String name) throws Exception {
        Path again = tmp.resolve(name);
        TwinFile.write(again, TwinFile.read(resource(name)), false);
        try (HdfFile before = new HdfFile(resource(name)); HdfFile now = new HdfFile(again)) {
            assertEquals(contents(before), contents(now), name);
        }
    }

    @Test
    void theResponseTwinIsWrittenAgainInTheSameLayout() throws Exception {
        ResponseTwinFile.Loaded l = ResponseTwinFile.read(resource("response-twin.json"));
        Path again = tmp.resolve("response-twin.json");
        ResponseTwinFile.write(again, l.twin(), l.readout());
        ObjectMapper json = new ObjectMapper();
        JsonNode before = json.readTree(resource("response-twin.json").toFile());
        JsonNode now = json.readTree(again.toFile());
        assertEquals(fields(before), fields(now));
    }

    /** Every attribute and dataset of a file by path, values as text; the creation time left out. */
    private static Map<String, String> contents(HdfFile f) {
        Map<String, String> out = new TreeMap<>();
        walk(f, "", out);
        assertTrue(out.remove("/@created_utc") != null);
        assertFalse(out.isEmpty());
        return out;
    }

    private static void walk(Node n, String path, Map<String, String> out) {
        for (Map.Entry<String, Attribute> a : n.getAttributes().entrySet()) {
            out.put(path + "/@" + a.getKey(), text(a.getValue().getData()));
        }
        if (n instanceof Dataset d) {
            out.put(path, text(d.getData()));
        }
        if (n instanceof Group g) {
            for (Map.Entry<String, Node> c : g.getChildren().entrySet()) {
                walk(c.getValue(), path + "/" + c.getKey(), out);
            }
        }
    }

    private static String text(Object v) {
        if (v instanceof double[][] m) {
            return Arrays.deepToString(m);
        }
        if (v instanceof double[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof int[] a) {
            return Arrays.toString(a);
        }
        return v.getClass().getSimpleName() + ":" + v;
    }

    /** Field names in order and values (numbers compared as numbers: a readout's 10 reads back as 10.0). */
    private static String fields(JsonNode n) {
        if (n.isObject()) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                b.append(e.getKey()).append('=').append(fields(e.getValue())).append(',');
            }
            return b.append('}').toString();
        }
        if (n.isArray()) {
            StringBuilder b = new StringBuilder("[");
            n.forEach(x -> b.append(fields(x)).append(','));
            return b.append(']').toString();
        }
        return n.isNumber() ? Double.toString(n.doubleValue()) : n.toString();
    }
}
