package io.spinloop.app.train;

import java.lang.management.ManagementFactory;

/**
 * What {@code benchmark train} reports beside its times: the process's CPU time, and the JIT setting the launcher
 * changes for the training kernels ({@code -XX:LoopUnrollLimit}, README "Training speed"), so that a figure says
 * whether it was taken with it.
 */
final class JitSettings {
    private JitSettings() {
    }

    /** CPU time of the whole process so far, in ns; 0 where the JVM does not offer it. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** C2's loop unroll limit as this JVM runs it (60 by default, 300 from the launcher), or "unknown". */
    static String loopUnrollLimit() {
        try {
            return ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("LoopUnrollLimit").getValue();
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }
}
