package io.spinloop.measurements;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Binary form of journal records.
 *
 * <p>A journal is a 16-byte magic, a 4-byte format version, then records. A record is
 * {@code [int32 length][int32 crc32][body]}, little-endian, where the CRC covers the body and the body
 * starts with a type byte. A record is built whole in memory and handed to the kernel by one write,
 * so after a crash the journal is a valid prefix plus at most one torn record. Length, type byte and CRC
 * are also what lets {@link JournalReader} find the next intact record after a damaged one.
 */
final class JournalCodec {
    static final byte[] MAGIC = "spinloop-journal".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int FILE_HEADER_BYTES = MAGIC.length + 4;
    static final int RECORD_HEADER_BYTES = 8;
    /** Larger bodies are taken as corruption of the length field, not as data. */
    static final int MAX_BODY_BYTES = 1 << 28;

    private static final byte RUN_STARTED = 1;
    private static final byte SWEEP_STARTED = 2;
    private static final byte SWEEP_POINT = 3;
    private static final byte SWEEP_FINISHED = 4;
    private static final byte SEQUENCES_STARTED = 5;
    private static final byte SEQUENCE_REPEAT = 6;
    private static final byte SEQUENCES_FINISHED = 7;
    private static final byte MAP_STARTED = 8;
    private static final byte MAP_POINT = 9;
    private static final byte MAP_FINISHED = 10;
    private static final byte INTERRUPTED = 11;

    private static final byte T_STRING = 's';
    private static final byte T_INT = 'i';
    private static final byte T_LONG = 'l';
    private static final byte T_DOUBLE = 'd';
    private static final byte T_BYTE = 'b';
    private static final byte T_DOUBLES = 'D';
    private static final byte T_INTS = 'I';
    private static final byte T_LONGS = 'L';
    private static final byte T_STRINGS = 'S';

    private JournalCodec() {
    }

    static ByteBuffer fileHeader() {
        ByteBuffer b = ByteBuffer.allocate(FILE_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(VERSION).flip();
        return b;
    }

    /** The complete framed record (header and body), ready for one write. */
    static ByteBuffer encode(JournalEntry entry) {
        Body out = new Body(estimate(entry));
        if (entry instanceof JournalEntry.RunStarted r) {
            out.type(RUN_STARTED).string(r.runId()).longValue(r.createdUtc().getEpochSecond())
                    .intValue(r.createdUtc().getNano()).bool(r.compressSpectra());
            Provenance p = r.provenance();
            out.string(p.spinloopVersion()).string(p.labConfigText()).bool(p.physicallyMeasurable())
                    .string(p.measurabilityNote());
            out.intValue(p.instrumentIdn().size());
            p.instrumentIdn().forEach((k, v) -> out.string(k).string(v));
            out.intValue(p.seeds().size());
            p.seeds().forEach((k, v) -> out.string(k).longValue(v));
            out.intValue(p.metadata().size());
            p.metadata().forEach((k, v) -> out.string(k).string(v));
        } else if (entry instanceof JournalEntry.SweepStarted s) {
            out.type(SWEEP_STARTED).intValue(s.sweep()).string(s.deviceId()).doubles(s.frequencyHz())
                    .settings(s.settings());
        } else if (entry instanceof JournalEntry.SweepPoint p) {
            out.type(SWEEP_POINT).intValue(p.sweep()).doubleValue(p.timestampS()).doubleValue(p.currentA())
                    .doubleValue(p.peakFrequencyHz()).doubleValue(p.powerW()).doubleValue(p.linewidthHz())
                    .doubles(p.spectrumDbm());
        } else if (entry instanceof JournalEntry.SweepFinished f) {
            out.type(SWEEP_FINISHED).intValue(f.sweep());
        } else if (entry instanceof JournalEntry.SequencesStarted s) {
            out.type(SEQUENCES_STARTED).string(s.deviceId()).doubles(s.timeS()).intValue(s.repeats())
                    .settings(s.settings());
        } else if (entry instanceof JournalEntry.SequenceRepeat r) {
            out.type(SEQUENCE_REPEAT).intValue(r.sequence()).intValue(r.repeat()).doubleValue(r.timestampS())
                    .doubles(r.driveA()).doubles(r.powerW());
        } else if (entry instanceof JournalEntry.SequencesFinished) {
            out.type(SEQUENCES_FINISHED);
        } else if (entry instanceof JournalEntry.MapStarted m) {
            MapGrid g = m.grid();
            out.type(MAP_STARTED).intValue(m.map()).string(m.deviceId()).doubles(m.frequencyHz())
                    .string(g.xName()).string(g.xUnit()).doubles(g.x()).string(g.yName()).string(g.yUnit())
                    .doubles(g.y()).string(g.order()).settings(m.settings());
        } else if (entry instanceof JournalEntry.MapPoint p) {
            out.type(MAP_POINT).intValue(p.map()).doubleValue(p.timestampS()).intValue(p.ix()).intValue(p.iy())
                    .doubleValue(p.x()).doubleValue(p.y()).intValue(p.direction()).doubleValue(p.peakFrequencyHz())
                    .doubleValue(p.powerW()).doubleValue(p.linewidthHz()).doubles(p.spectrumDbm())
                    .doubleValue(p.analyzerCentreHz()).doubleValue(p.yRead());
        } else if (entry instanceof JournalEntry.MapFinished f) {
            out.type(MAP_FINISHED).intValue(f.map());
        } else if (entry instanceof JournalEntry.Interrupted i) {
            Interruption x = i.interruption();
            out.type(INTERRUPTED).longValue(x.resumedUtc().getEpochSecond()).intValue(x.resumedUtc().getNano())
                    .longValue(x.pointsBefore()).string(x.cause());
        } else {
            throw new IllegalArgumentException("unknown journal entry " + entry);
        }
        return out.frame();
    }

    private static int estimate(JournalEntry e) {
        if (e instanceof JournalEntry.SweepPoint p) {
            return 64 + 8 * p.spectrumDbm().length;
        }
        if (e instanceof JournalEntry.MapPoint p) {
            return 96 + 8 * p.spectrumDbm().length;
        }
        if (e instanceof JournalEntry.SequenceRepeat r) {
            return 64 + 8 * (r.driveA().length + r.powerW().length);
        }
        return 4096;
    }

    /** True for the type byte of a record this version writes (a cheap first test when scanning for records). */
    static boolean isRecordType(byte b) {
        return b >= RUN_STARTED && b <= INTERRUPTED;
    }

    static int crc(ByteBuffer body) {
        CRC32 crc = new CRC32();
        crc.update(body.duplicate());
        return (int) crc.getValue();
    }

    /**
     * Decodes a body whose CRC has been checked.
     *
     * @throws IllegalArgumentException when the body does not parse (unknown type, short data)
     */
    static JournalEntry decode(ByteBuffer body) {
        body.order(ByteOrder.LITTLE_ENDIAN);
        try {
            byte type = body.get();
            JournalEntry e = switch (type) {
                case RUN_STARTED -> {
                    String runId = string(body);
                    Instant created = Instant.ofEpochSecond(body.getLong(), body.getInt());
                    boolean compress = body.get() != 0;
                    Provenance.Builder p = Provenance.builder(string(body)).labConfig(string(body));
                    boolean measurable = body.get() != 0;
                    p.physicallyMeasurable(measurable, string(body));
                    for (int i = body.getInt(); i > 0; i--) {
                        p.instrument(string(body), string(body));
                    }
                    for (int i = body.getInt(); i > 0; i--) {
                        p.seed(string(body), body.getLong());
                    }
                    for (int i = body.getInt(); i > 0; i--) {
                        p.metadata(string(body), string(body));
                    }
                    yield new JournalEntry.RunStarted(runId, created, p.build(), compress);
                }
                case SWEEP_STARTED -> new JournalEntry.SweepStarted(body.getInt(), string(body), doubles(body),
                        settings(body));
                case SWEEP_POINT -> new JournalEntry.SweepPoint(body.getInt(), body.getDouble(), body.getDouble(),
                        body.getDouble(), body.getDouble(), body.getDouble(), doubles(body));
                case SWEEP_FINISHED -> new JournalEntry.SweepFinished(body.getInt());
                case SEQUENCES_STARTED -> new JournalEntry.SequencesStarted(string(body), doubles(body),
                        body.getInt(), settings(body));
                case SEQUENCE_REPEAT -> new JournalEntry.SequenceRepeat(body.getInt(), body.getInt(),
                        body.getDouble(), doubles(body), doubles(body));
                case SEQUENCES_FINISHED -> new JournalEntry.SequencesFinished();
                case MAP_STARTED -> new JournalEntry.MapStarted(body.getInt(), string(body), doubles(body),
                        new MapGrid(string(body), string(body), doubles(body), string(body), string(body),
                                doubles(body), string(body)), settings(body));
                case MAP_POINT -> new JournalEntry.MapPoint(body.getInt(), body.getDouble(), body.getInt(),
                        body.getInt(), body.getDouble(), body.getDouble(), body.getInt(), body.getDouble(),
                        body.getDouble(), body.getDouble(), doubles(body),
                        body.remaining() >= 16 ? body.getDouble() : Double.NaN, // older journals end here
                        body.remaining() >= 8 ? body.getDouble() : Double.NaN);
                case MAP_FINISHED -> new JournalEntry.MapFinished(body.getInt());
                case INTERRUPTED -> new JournalEntry.Interrupted(new Interruption(
                        Instant.ofEpochSecond(body.getLong(), body.getInt()), body.getLong(), string(body)));
                default -> throw new IllegalArgumentException("unknown record type " + type);
            };
            if (body.hasRemaining()) {
                throw new IllegalArgumentException(body.remaining() + " unexpected bytes after a record of type " + type);
            }
            return e;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | java.time.DateTimeException ex) {
            throw new IllegalArgumentException("record body is shorter than its fields", ex);
        }
    }

    private static String string(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("bad string length " + n);
        }
        byte[] bytes = new byte[n];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static double[] doubles(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || (long) n * 8 > b.remaining()) {
            throw new IllegalArgumentException("bad array length " + n);
        }
        double[] a = new double[n];
        b.asDoubleBuffer().get(a);
        b.position(b.position() + 8 * n);
        return a;
    }

    private static Map<String, Object> settings(ByteBuffer b) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = b.getInt(); i > 0; i--) {
            String key = string(b);
            byte tag = b.get();
            Object v = switch (tag) {
                case T_STRING -> string(b);
                case T_INT -> b.getInt();
                case T_LONG -> b.getLong();
                case T_DOUBLE -> b.getDouble();
                case T_BYTE -> b.get();
                case T_DOUBLES -> doubles(b);
                case T_INTS -> {
                    int[] a = new int[checkedLength(b, 4)];
                    b.asIntBuffer().get(a);
                    b.position(b.position() + 4 * a.length);
                    yield a;
                }
                case T_LONGS -> {
                    long[] a = new long[checkedLength(b, 8)];
                    b.asLongBuffer().get(a);
                    b.position(b.position() + 8 * a.length);
                    yield a;
                }
                case T_STRINGS -> {
                    String[] a = new String[checkedLength(b, 4)];
                    for (int k = 0; k < a.length; k++) {
                        a[k] = string(b);
                    }
                    yield a;
                }
                default -> throw new IllegalArgumentException("unknown setting tag " + tag);
            };
            m.put(key, v);
        }
        return m;
    }

    private static int checkedLength(ByteBuffer b, int elementBytes) {
        int n = b.getInt();
        if (n < 0 || (long) n * elementBytes > b.remaining()) {
            throw new IllegalArgumentException("bad array length " + n);
        }
        return n;
    }

    /** A growable little-endian body that leaves room for the record header in front. */
    private static final class Body {
        private ByteBuffer buf;

        Body(int capacity) {
            buf = ByteBuffer.allocate(RECORD_HEADER_BYTES + capacity).order(ByteOrder.LITTLE_ENDIAN);
            buf.position(RECORD_HEADER_BYTES);
        }

        private void ensure(int more) {
            if (buf.remaining() < more) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more))
                        .order(ByteOrder.LITTLE_ENDIAN);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        Body type(byte t) {
            ensure(1);
            buf.put(t);
            return this;
        }

        Body bool(boolean v) {
            return type(v ? (byte) 1 : (byte) 0);
        }

        Body intValue(int v) {
            ensure(4);
            buf.putInt(v);
            return this;
        }

        Body longValue(long v) {
            ensure(8);
            buf.putLong(v);
            return this;
        }

        Body doubleValue(double v) {
            ensure(8);
            buf.putDouble(v);
            return this;
        }

        Body string(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            ensure(4 + bytes.length);
            buf.putInt(bytes.length).put(bytes);
            return this;
        }

        Body doubles(double[] a) {
            ensure(4 + 8 * a.length);
            buf.putInt(a.length);
            buf.asDoubleBuffer().put(a);
            buf.position(buf.position() + 8 * a.length);
            return this;
        }

        Body settings(Map<String, Object> m) {
            intValue(m.size());
            for (Map.Entry<String, Object> e : m.entrySet()) {
                string(e.getKey());
                Object v = e.getValue();
                if (v instanceof String s) {
                    type(T_STRING).string(s);
                } else if (v instanceof Integer i) {
                    type(T_INT).intValue(i);
                } else if (v instanceof Long l) {
                    type(T_LONG).longValue(l);
                } else if (v instanceof Double d) {
                    type(T_DOUBLE).doubleValue(d);
                } else if (v instanceof Byte b) {
                    type(T_BYTE).type(b);
                } else if (v instanceof double[] a) {
                    type(T_DOUBLES).doubles(a);
                } else if (v instanceof int[] a) {
                    type(T_INTS).intValue(a.length);
                    ensure(4 * a.length);
                    buf.asIntBuffer().put(a);
                    buf.position(buf.position() + 4 * a.length);
                } else if (v instanceof long[] a) {
                    type(T_LONGS).intValue(a.length);
                    ensure(8 * a.length);
                    buf.asLongBuffer().put(a);
                    buf.position(buf.position() + 8 * a.length);
                } else if (v instanceof String[] a) {
                    type(T_STRINGS).intValue(a.length);
                    for (String s : a) {
                        string(s);
                    }
                } else {
                    throw new IllegalArgumentException("setting '" + e.getKey() + "' was not normalised: " + v);
                }
            }
            return this;
        }

        ByteBuffer frame() {
            int bodyLength = buf.position() - RECORD_HEADER_BYTES;
            ByteBuffer body = buf.duplicate().position(RECORD_HEADER_BYTES).limit(buf.position());
            buf.putInt(0, bodyLength).putInt(4, crc(body));
            buf.flip();
            return buf;
        }
    }
}
