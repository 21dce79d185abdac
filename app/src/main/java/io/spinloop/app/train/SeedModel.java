package io.spinloop.app.train;

/** The networks of seeds 003 and 002, as {@code --model} values. */
enum SeedModel {
    /** Seed 003: the p(I) dynamical network. */
    POWER_CURVE("power-curve"),
    /** Seed 002: coupled macrospin STOs between read-in and read-out layers. */
    MACROSPIN("macrospin");

    private final String cliName;

    SeedModel(String cliName) {
        this.cliName = cliName;
    }

    @Override
    public String toString() {
        return cliName;
    }
}
