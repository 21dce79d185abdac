package io.spinloop.app.data;

import io.spinloop.app.cli.JsonOutput;
import io.spinloop.lab.map.FieldMapFit;
import io.spinloop.lab.map.KittelFit;
import io.spinloop.lab.map.StoredFieldFit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spinloop data field-fit F.h5}: Kittel's f0(B) and the threshold model fitted to a current × field map. */
@Command(name = "field-fit", mixinStandardHelpOptions = true,
        description = {"Fit a current x field map (measure map --field-from ...): each row's free-running f0 (the "
                + "intercept of f against P/I^2), Kittel's in-plane f0(B) = s*(gamma/2pi)*sqrt((B+Hk)(B+Hk+Meff)) "
                + "to them, and the threshold line I_th(B) against the model I_th ~ B + Hk + Meff/2 (fitted scale).",
                "Prints mu0*Meff, mu0*Hk and s with standard errors; where the run's lab-config has an emulator, "
                        + "also the configured free layer and the relative errors."})
public final class DataFieldFitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "an HDF5 measurement file holding a field map")
    Path file;

    @Option(names = "--map", paramLabel = "I", defaultValue = "0", description = "which /maps/<i> (default 0)")
    int map;

    @Option(names = "--no-scale", description = "fix the frequency scale s at 1 (fit Meff and Hk only)")
    boolean noScale;

    @Option(names = "--json", description = "print the fit as JSON for scripts")
    boolean json;

    @Override
    public Integer call() throws Exception {
        StoredFieldFit r = StoredFieldFit.of(file, map, !noScale);
        Map<String, Object> out = facts(r);
        if (json) {
            JsonOutput.print(System.out, out);
            return 0;
        }
        KittelFit k = r.fit().kittel();
        System.out.printf(Locale.ROOT, "%s /maps/%d (%s): Kittel fit over %d rows, rms residual %.1f MHz%n", file,
                map, r.deviceId(), count(r.fit().f0Hz()), k.rmsResidualHz() / 1e6);
        line("mu0*Meff (T)", k.effectiveMagnetisationT(), k.sigmaMT(), r.configured() == null ? null
                : r.configured().effectiveMagnetisationT());
        line("mu0*Hk (T)", k.anisotropyFieldT(), k.sigmaHkT(), r.configured() == null ? null
                : r.configured().biasFieldT());
        line("scale s", k.scale(), k.sigmaScale(), null);
        System.out.printf(Locale.ROOT, "%9s %10s %11s %11s %8s%n", "B (mT)", "f0 (GHz)", "I_th (mA)", "model (mA)",
                "dev");
        FieldMapFit f = r.fit();
        for (int i = 0; i < f.fieldT().length; i++) {
            System.out.printf(Locale.ROOT, "%9.2f %10.4f %11.4f %11.4f %+7.1f%%%n", f.fieldT()[i] * 1e3,
                    f.f0Hz()[i] / 1e9, f.thresholdA()[i] * 1e3, f.thresholdModelA()[i] * 1e3,
                    100 * (f.thresholdA()[i] / f.thresholdModelA()[i] - 1));
        }
        System.out.printf(Locale.ROOT, "I_th(B) vs model: largest deviation %.1f %%%n",
                100 * f.maxThresholdDeviation());
        return 0;
    }

    private static void line(String name, double value, double sigma, Double configured) {
        System.out.printf(Locale.ROOT, "  %-13s %.5f +- %.5f%s%n", name, value, sigma, configured == null ? ""
                : String.format(Locale.ROOT, "   configured %.5f, error %+.2f %%", configured,
                100 * (value / configured - 1)));
    }

    private static int count(double[] v) {
        int n = 0;
        for (double x : v) {
            n += Double.isFinite(x) ? 1 : 0;
        }
        return n;
    }

    private static Map<String, Object> facts(StoredFieldFit r) {
        KittelFit k = r.fit().kittel();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.file().toString());
        m.put("map", r.mapIndex());
        m.put("device", r.deviceId());
        m.put("effective_magnetisation_T", k.effectiveMagnetisationT());
        m.put("effective_magnetisation_sigma_T", k.sigmaMT());
        m.put("anisotropy_field_T", k.anisotropyFieldT());
        m.put("anisotropy_field_sigma_T", k.sigmaHkT());
        m.put("scale", k.scale());
        m.put("scale_sigma", k.sigmaScale());
        m.put("rms_residual_Hz", k.rmsResidualHz());
        if (r.configured() != null) {
            m.put("configured_effective_magnetisation_T", r.configured().effectiveMagnetisationT());
            m.put("configured_anisotropy_field_T", r.configured().biasFieldT());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        FieldMapFit f = r.fit();
        for (int i = 0; i < f.fieldT().length; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("field_T", f.fieldT()[i]);
            row.put("f0_Hz", finite(f.f0Hz()[i]));
            row.put("threshold_A", finite(f.thresholdA()[i]));
            row.put("threshold_model_A", finite(f.thresholdModelA()[i]));
            rows.add(row);
        }
        m.put("rows", rows);
        m.put("threshold_max_deviation", finite(f.maxThresholdDeviation()));
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
