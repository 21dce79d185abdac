package io.spinloop.emulator.server;

import io.spinloop.emulator.instruments.Instrument;
import io.spinloop.emulator.scpi.MessageInterpreter;
import io.spinloop.emulator.scpi.Response;
import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One client's link to an instrument over a protocol that frames whole messages (a VXI-11 link, a HiSLIP session):
 * its messages run in order on a thread of its own, through an interpreter of its own, as the instrument's input
 * buffer would take them; each reply goes to the protocol's {@link ReplySink}. The instrument's {@link ConnectionFaults}
 * apply as on its raw socket: a dropped connection (half the reply delivered without END, then every connection of the
 * instrument on this server closed), a late reply (held back on this link's thread, so later messages wait behind
 * it), a garbled one. {@link #clear()} is the protocol's device clear: queued messages and a reply held back are
 * dropped, and the parser starts afresh.
 */
final class InstrumentLink implements Closeable {

    /** Where replies go. */
    interface ReplySink {
        /**
         * Delivers reply bytes; {@code end} marks the end of the reply (VXI-11 END, HiSLIP DataEnd).
         *
         * @param tag what the message that caused the reply was tagged with (HiSLIP's message id)
         */
        void reply(byte[] bytes, boolean end, long tag) throws IOException;
    }

    private record Job(byte[] message, long tag, long generation) {
    }

    private final Instrument instrument;
    private final ConnectionFaults faults;
    private final Runnable dropConnections;
    private final ReplySink sink;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Response response = new Response();
    private final SplittableRandom garbler = new SplittableRandom(7);
    private final Thread thread;
    private MessageInterpreter interpreter;
    private long generation;
    private volatile boolean closed;

    InstrumentLink(Instrument instrument, ConnectionFaults faults, Runnable dropConnections, ReplySink sink,
                   String threadName) {
        this.instrument = instrument;
        this.faults = faults;
        this.dropConnections = dropConnections;
        this.sink = sink;
        this.interpreter = instrument.interpreter(this);
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues one whole message (END or DataEnd received) for execution. */
    synchronized void submit(byte[] message, long tag) {
        queue.add(new Job(message, tag, generation));
    }

    /** The device clear: queued messages and any reply held back are dropped; the parser starts afresh. */
    synchronized void clear() {
        generation++;
        queue.clear();
        interpreter = instrument.interpreter(this);
        notifyAll();
    }

    /**
     * Runs {@code delivery} unless a clear came after the job of {@code generation}: the sink writes under this
     * monitor, so a device clear's acknowledgement can never overtake a reply of before the clear.
     */
    private synchronized boolean deliver(long jobGeneration, byte[] bytes, boolean end, long tag) throws IOException {
        if (jobGeneration != generation || closed) {
            return false;
        }
        sink.reply(bytes, end, tag);
        return true;
    }

    /** Runs {@code action} under the monitor that orders replies and clears (the device clear's acknowledgement). */
    synchronized void ordered(IoAction action) throws IOException {
        action.run();
    }

    /** An action that writes to the client. */
    interface IoAction {
        void run() throws IOException;
    }

    private void run() {
        try {
            while (!closed) {
                Job job = queue.take();
                execute(job);
            }
        } catch (InterruptedException | IOException e) {
            // closed, or the client went away: this link ends, the instrument lives on
        }
    }

    private void execute(Job job) throws IOException, InterruptedException {
        ConnectionFaults.Action action = faults.onMessage();
        MessageInterpreter in;
        synchronized (this) {
            if (job.generation() != generation) {
                return;
            }
            in = interpreter;
        }
        response.clear();
        byte[] m = job.message();
        int start = 0;
        for (int i = 0; i <= m.length; i++) { // several program messages may come in one, each ended by NL
            if (i == m.length || m[i] == '\n') {
                int end = i > start && m[i - 1] == '\r' ? i - 1 : i;
                if (end > start) {
                    instrument.execute(in, m, start, end - start, response);
                }
                start = i + 1;
            }
        }
        byte[] bytes = Arrays.copyOf(response.array(), response.length());
        if (action.drop()) {
            if (bytes.length > 1) { // the connection breaks in the middle of the reply
                deliver(job.generation(), Arrays.copyOf(bytes, bytes.length / 2), false, job.tag());
            }
            dropConnections.run();
            return;
        }
        if (bytes.length == 0) {
            return;
        }
        ConnectionFaults.Action reply = faults.onReply();
        if (reply.delayNanos() > 0) {
            long until = System.nanoTime() + reply.delayNanos();
            synchronized (this) {
                long left;
                while (job.generation() == generation && !closed && (left = until - System.nanoTime()) > 0) {
                    wait(left / 1_000_000, (int) (left % 1_000_000));
                }
            }
        }
        if (reply.garble()) {
            for (int i = 0; i < bytes.length - 1; i++) {
                bytes[i] = (byte) ('!' + garbler.nextInt(94));
            }
        }
        deliver(job.generation(), bytes, true, job.tag());
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        thread.interrupt();
    }
}
