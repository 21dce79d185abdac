package io.spinloop.drivers.analyzer;

/** How trace amplitudes travel on the wire. */
public enum TraceFormat {
    /** IEEE 754 single precision, big-endian ({@code FORM REAL,32; FORM:BORD NORM}). */
    REAL32_BIG_ENDIAN,
    /** IEEE 754 single precision, little-endian ({@code FORM REAL,32; FORM:BORD SWAP}); the default, the fastest to decode on x86. */
    REAL32_LITTLE_ENDIAN,
    /** Comma-separated decimal text ({@code FORM ASC}): slow but readable in a traffic log. */
    ASCII
}
