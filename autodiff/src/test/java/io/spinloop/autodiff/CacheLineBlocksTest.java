package io.spinloop.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class CacheLineBlocksTest {

    @Test
    void theOriginSkipsTheArrayHeaderToALineBoundary() {
        // 64-bit HotSpot's float arrays: a 16-byte header (compressed class pointers), so element 12 starts the
        // next line.
        assertEquals(12, CacheLineBlocks.ORIGIN);
    }

    @Test
    void blocksAreLargeEnoughForG1ToPlaceThemAtARegionStart() {
        float[] small = CacheLineBlocks.allocate(10);
        assertTrue(small.length >= CacheLineBlocks.ORIGIN + 10);
        var vm = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        if (Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue())) {
            long region = Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue());
            // Humongous: at least half a region, so G1 allocates it at a region's start and never moves it.
            assertTrue((long) small.length * Float.BYTES >= region / 2, small.length + " floats, region " + region);
        }
    }

    @Test
    void aTapeHandsTheSameBlockBackOnReplayAndGrowsItWhenAskedForMore() {
        Tape tape = new Tape();
        float[] first = tape.scratchFloatBlock(1000);
        float[] second = tape.scratchFloatBlock(10);
        assertNotSame(first, second);
        tape.reset();
        assertSame(first, tape.scratchFloatBlock(500));
        assertSame(second, tape.scratchFloatBlock(10));
        tape.reset();
        int more = first.length + 1;
        float[] grown = tape.scratchFloatBlock(more);
        assertTrue(grown.length >= CacheLineBlocks.ORIGIN + more);
    }
}
