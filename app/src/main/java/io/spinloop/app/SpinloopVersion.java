package io.spinloop.app;

import picocli.CommandLine;

/** Reports the version Maven stamped into the jar, or "development" when run from classes. */
public final class SpinloopVersion implements CommandLine.IVersionProvider {

    /** The version string recorded in files this build writes (HDF5 provenance, run configs). */
    public static String current() {
        String v = SpinloopVersion.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT (development)";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"spinloop " + current()};
    }
}
