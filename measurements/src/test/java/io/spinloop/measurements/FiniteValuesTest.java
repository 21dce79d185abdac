package io.spinloop.measurements;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The index of a bad element is told as a person reads it, for arrays of any rank. */
class FiniteValuesTest {
    @Test
    void flatIndexIsToldInTheArraysOwnDimensions() {
        assertEquals("[7]", FiniteValues.index(7, new int[] {10}));
        assertEquals("[7]", FiniteValues.index(7, new int[0]));
        assertEquals("[3, 4]", FiniteValues.index(3 * 10 + 4, new int[] {5, 10}));
        // The reported case: element [2, 1, 10] of an (S×R×T) = (4×3×100) array was called [2, 110].
        assertEquals("[2, 1, 10]", FiniteValues.index((2 * 3 + 1) * 100 + 10, new int[] {4, 3, 100}));
        assertEquals("[0, 0, 3]", FiniteValues.index(3, new int[] {1, 1, 4}));
        assertEquals("[1, 2, 3, 4]", FiniteValues.index(((1 * 3 + 2) * 4 + 3) * 5 + 4, new int[] {2, 3, 4, 5}));
    }
}
