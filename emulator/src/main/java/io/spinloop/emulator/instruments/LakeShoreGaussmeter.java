package io.spinloop.emulator.instruments;

import io.spinloop.emulator.scpi.CommandTree;
import io.spinloop.emulator.scpi.ScpiError;
import java.util.function.DoubleUnaryOperator;

/**
 * A Lake Shore 475 DSP or 425 gaussmeter with a Hall probe in a magnet's gap: IEEE 488.2 common commands and the
 * Lake Shore queries {@code RDGFIELD?} (the field in the present unit), {@code UNIT}/{@code UNIT?} (1 gauss, 2 tesla,
 * 3 oersted, 4 A/m), {@code RANGE}/{@code RANGE?} (1 to 4: 3 mT, 30 mT, 300 mT, 3 T full scale) and
 * {@code AUTO}/{@code AUTO?} (autorange). The probe reads the field with 20 µT RMS of noise; beyond the range
 * it answers {@code OL}.
 */
public final class LakeShoreGaussmeter extends Instrument {
    /** A gaussmeter model: registry name and {@code *IDN?} fields. */
    public record Model(String name, ModelIdentity identity) {
        public LakeShoreGaussmeter build(InstrumentSetup setup, DoubleUnaryOperator fieldAt) {
            return new LakeShoreGaussmeter(this, setup, fieldAt);
        }
    }

    public static final Model MODEL_475 = new Model("LAKESHORE_475", new ModelIdentity("LSCI", "MODEL475", "1.3"));
    public static final Model MODEL_425 = new Model("LAKESHORE_425", new ModelIdentity("LSCI", "MODEL425", "1.4"));

    private static final double[] FULL_SCALE_T = {3e-3, 30e-3, 300e-3, 3.0};
    private static final double NOISE_T = 20e-6;
    private static final double OERSTED_PER_TESLA = 1e4;
    private static final double AMP_PER_METRE_PER_TESLA = 1 / (4e-7 * Math.PI);

    private final Model model;
    private final DoubleUnaryOperator fieldAt;
    private int unit;
    private int range;
    private boolean auto;

    public LakeShoreGaussmeter(Model model, InstrumentSetup setup, DoubleUnaryOperator fieldAt) {
        super(setup.name(), setup.clock(), setup.seed(), 10, setup.serialNumber());
        this.model = model;
        this.fieldAt = fieldAt;
        resetSettings();
        register(commands());
    }

    public Model model() {
        return model;
    }

    @Override
    public String identity() {
        return model.identity().idn("EMU-" + (7000 + serialNumber));
    }

    /** Not SCPI: no error queue; an unknown command or query sets the command error bit of {@code *ESR?}, no reply. */
    @Override
    protected boolean hasErrorQueue() {
        return false;
    }

    @Override
    protected void resetSettings() {
        unit = 1;
        range = 4;
        auto = true;
    }

    private double reading() {
        double b = (fieldAt == null ? 0 : fieldAt.applyAsDouble(clock.now())) + NOISE_T * rng.nextGaussian();
        if (auto) {
            range = FULL_SCALE_T.length;
            for (int r = FULL_SCALE_T.length; r >= 1; r--) {
                if (Math.abs(b) < FULL_SCALE_T[r - 1]) {
                    range = r;
                }
            }
        }
        return b;
    }

    private static double inUnit(double tesla, int unit) {
        return switch (unit) {
            case 1, 3 -> tesla * OERSTED_PER_TESLA; // gauss and oersted are numerically equal in air
            case 2 -> tesla;
            default -> tesla * AMP_PER_METRE_PER_TESLA;
        };
    }

    private void register(CommandTree t) {
        t.add("RDGFIELD?", c -> {
            double b = reading();
            if (Math.abs(b) > FULL_SCALE_T[range - 1] * 1.05) {
                c.reply().ascii("OL");
            } else {
                c.reply().nr3(inUnit(b, unit), 5);
            }
        });
        t.add("UNIT", 1, 1, c -> unit = (int) integer(c.args().integer(0, 1, 4, 1), 1, 4));
        t.add("UNIT?", c -> c.reply().nr1(unit));
        t.add("RANGE", 1, 1, c -> {
            range = (int) integer(c.args().integer(0, 1, FULL_SCALE_T.length, 1), 1, FULL_SCALE_T.length);
            auto = false;
        });
        t.add("RANGE?", c -> c.reply().nr1(range));
        t.add("AUTO", 1, 1, c -> auto = integer(c.args().integer(0, 0, 1, 1), 0, 1) == 1);
        t.add("AUTO?", c -> c.reply().nr1(auto ? 1 : 0));
    }

    private static long integer(long v, long min, long max) {
        if (v < min || v > max) {
            throw ScpiError.DATA_OUT_OF_RANGE.exception();
        }
        return v;
    }
}
