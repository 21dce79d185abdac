package io.spinloop.emulator.scpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ErrorQueueTest {
    @Test
    void fifoWithOverflowReplacingTheNewestEntry() {
        ErrorQueue q = new ErrorQueue(10);
        for (int i = 1; i <= 13; i++) {
            q.push(-100 - i, "e" + i);
        }
        assertEquals(10, q.size());
        for (int i = 1; i <= 9; i++) {
            assertEquals(-100 - i, q.poll().code());
        }
        ErrorQueue.Entry last = q.poll();
        assertEquals(-350, last.code());
        assertEquals("Queue overflow", last.text());
        assertNull(q.poll());
    }

    @Test
    void eventBitsByErrorClass() {
        assertEquals(StatusRegisters.CME, StatusRegisters.eventBitFor(-113));
        assertEquals(StatusRegisters.EXE, StatusRegisters.eventBitFor(-222));
        assertEquals(StatusRegisters.DDE, StatusRegisters.eventBitFor(-350));
        assertEquals(StatusRegisters.DDE, StatusRegisters.eventBitFor(803));
        assertEquals(StatusRegisters.QYE, StatusRegisters.eventBitFor(-410));
    }
}
