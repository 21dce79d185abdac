package io.spinloop.drivers.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A HiSLIP device ({@code TCPIP::host::hislip0[,port]::INSTR}, IVI-6.1) in synchronized mode. Opening connects the
 * synchronous channel ({@code Initialize} with the sub-address, {@code InitializeResponse} with the session id),
 * then the asynchronous one ({@code AsyncInitialize}), and exchanges the maximum message sizes on it
 * ({@code AsyncMaximumMessageSize}). A message goes out as {@code Data} messages no larger than the server takes,
 * the last a {@code DataEnd}, each with a message id that starts at 0xffffff00 and grows by two; a reply is read up
 * to its {@code DataEnd}, and a reply whose id is not that of our last message is a stale one, skipped. After a
 * timeout the device is cleared over the asynchronous channel ({@code AsyncDeviceClear}, then
 * {@code DeviceClearComplete} on the synchronous one, whose {@code DeviceClearAcknowledge} comes after anything
 * still in flight), so a late reply is never taken for the next. A server in overlapped mode is asked, by the same
 * clear, for synchronized mode; one that insists is refused by name. {@code Error} and {@code FatalError} become
 * exceptions with their codes in words.
 */
final class HislipTransport extends EndDelimitedTransport {
    private static final long FIRST_MESSAGE_ID = 0xffffff00L;
    /** HiSLIP 1.0, and the vendor id this client announces. */
    private static final long CLIENT_VERSION_AND_VENDOR = (0x0100L << 16) | ('S' << 8) | 'L';
    /** Largest message this client takes: a trace of a few million points. */
    private static final long MAX_MESSAGE = 64L << 20;
    private static final int MARGIN_MS = 2000;

    private final ResourceString.Hislip resource;
    private final int connectMillis;
    private Socket sync;
    private Socket async;
    private InputStream syncIn;
    private OutputStream syncOut;
    private InputStream asyncIn;
    private OutputStream asyncOut;
    private long serverMaxMessage;
    private long messageId;
    private long lastSentId;
    private boolean replyDelivered;

    HislipTransport(ResourceString.Hislip resource, int connectMillis, Duration timeout) {
        super(timeout);
        this.resource = resource;
        this.connectMillis = connectMillis;
    }

    HislipTransport open() {
        connect();
        return this;
    }

    @Override
    public String resource() {
        return resource.text();
    }

    @Override
    void connect() {
        try {
            sync = socket();
            syncIn = new BufferedInputStream(sync.getInputStream(), 64 * 1024);
            syncOut = sync.getOutputStream();
            byte[] subAddress = resource.address().device().getBytes(StandardCharsets.US_ASCII);
            new HislipMessage(HislipMessage.INITIALIZE, 0, CLIENT_VERSION_AND_VENDOR, subAddress).writeTo(syncOut);
            HislipMessage init = expect(syncIn, HislipMessage.INITIALIZE_RESPONSE, "Initialize");
            boolean overlapped = (init.control() & 1) != 0;
            int session = (int) (init.parameter() & 0xFFFF);
            async = socket();
            asyncIn = new BufferedInputStream(async.getInputStream());
            asyncOut = async.getOutputStream();
            new HislipMessage(HislipMessage.ASYNC_INITIALIZE, 0, session, new byte[0]).writeTo(asyncOut);
            expect(asyncIn, HislipMessage.ASYNC_INITIALIZE_RESPONSE, "AsyncInitialize");
            byte[] size = new byte[8];
            for (int i = 0; i < 8; i++) {
                size[i] = (byte) (MAX_MESSAGE >>> (56 - 8 * i));
            }
            new HislipMessage(HislipMessage.ASYNC_MAXIMUM_MESSAGE_SIZE, 0, 0, size).writeTo(asyncOut);
            HislipMessage max = expect(asyncIn, HislipMessage.ASYNC_MAXIMUM_MESSAGE_SIZE_RESPONSE,
                    "AsyncMaximumMessageSize");
            if (max.payload().length != 8) {
                throw new TransportException(resource.text() + ": AsyncMaximumMessageSizeResponse carries "
                        + max.payload().length + " bytes instead of 8");
            }
            long m = 0;
            for (byte b : max.payload()) {
                m = (m << 8) | (b & 0xFF);
            }
            serverMaxMessage = m <= 0 ? Long.MAX_VALUE : m;
            messageId = FIRST_MESSAGE_ID;
            lastSentId = -1;
            replyDelivered = false;
            if (overlapped) {
                deviceClear("opening the session"); // asks for synchronized mode; refuses if the server insists
            }
        } catch (IOException e) {
            disconnect();
            throw new TransportException("cannot open HiSLIP session " + resource.text() + ": "
                    + OncRpcClient.describe(e), e);
        } catch (TransportException e) {
            disconnect();
            throw e;
        }
    }

    private Socket socket() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            InetSocketAddress a = new InetSocketAddress(resource.address().host(), resource.address().port());
            if (a.isUnresolved()) {
                throw new TransportException("unknown host '" + resource.address().host() + "' in resource "
                        + resource.text());
            }
            s.connect(a, connectMillis);
            s.setSoTimeout(connectMillis + MARGIN_MS);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Reads the reply to {@code request} on a channel; an Error or FatalError says why the server refused it. */
    private HislipMessage expect(InputStream in, int type, String request) throws IOException {
        while (true) {
            HislipMessage m = read(in, request);
            if (m.type() == type) {
                return m;
            }
            if (m.type() == HislipMessage.FATAL_ERROR || m.type() == HislipMessage.ERROR) {
                throw serverError(m, request);
            }
            if (m.type() >= 10 && in == asyncIn) {
                continue; // an unsolicited async message (service request, status): not what we wait for
            }
            throw new TransportException(resource.text() + " answered " + request + " with "
                    + HislipMessage.name(m.type()) + " instead of " + HislipMessage.name(type));
        }
    }

    private HislipMessage read(InputStream in, String request) throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException("the connection was closed");
        }
        return HislipMessage.readRest(first, in, MAX_MESSAGE, resource.text());
    }

    private TransportException serverError(HislipMessage m, String request) {
        boolean fatal = m.type() == HislipMessage.FATAL_ERROR;
        return new TransportException(resource.text() + " sent HiSLIP " + (fatal ? "FatalError" : "Error")
                + " for " + request + ": " + m.errorText() + (fatal ? "; the session is closed" : ""));
    }

    @Override
    void disconnect() {
        for (Socket s : new Socket[] {async, sync}) {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
        sync = null;
        async = null;
    }

    @Override
    void writeMessage(byte[] message, String command) {
        requireOpen(command);
        long chunk = Math.max(1, Math.min(serverMaxMessage - HislipMessage.HEADER, 1 << 20));
        try {
            for (int off = 0; off < message.length; ) {
                int n = (int) Math.min(chunk, message.length - off);
                boolean last = off + n == message.length;
                byte[] payload = java.util.Arrays.copyOfRange(message, off, off + n);
                new HislipMessage(last ? HislipMessage.DATA_END : HislipMessage.DATA, replyDelivered ? 1 : 0,
                        messageId, payload).writeTo(syncOut);
                replyDelivered = false;
                lastSentId = messageId;
                messageId = (messageId + 2) & 0xFFFFFFFFL;
                off += n;
            }
        } catch (IOException e) {
            throw new TransportException("sending '" + command + "' to " + resource.text() + " failed: "
                    + OncRpcClient.describe(e), e);
        }
    }

    @Override
    byte[] readMessage(String command, Duration timeout) {
        requireOpen(command);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        long deadline = System.nanoTime() + millis * 1_000_000L;
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        try {
            while (true) {
                int first;
                int left = (int) ((deadline - System.nanoTime()) / 1_000_000L);
                try {
                    // Waiting for a message to start: a timeout here leaves the channel in step.
                    sync.setSoTimeout(Math.max(1, left));
                    first = left <= 0 ? -2 : syncIn.read();
                } catch (SocketTimeoutException e) {
                    first = -2;
                }
                if (first == -2) {
                    String cleared = clearAfterTimeout(command);
                    throw new TransportTimeoutException("no complete reply to '" + command + "' from "
                            + resource.text() + " within " + millis + " ms"
                            + (reply.size() > 0 ? ", only " + reply.size() + " bytes of it arrived" : "") + cleared);
                }
                if (first < 0) {
                    throw new EOFException("closed");
                }
                sync.setSoTimeout(millis + MARGIN_MS); // the rest of a message that has started
                HislipMessage m = HislipMessage.readRest(first, syncIn, MAX_MESSAGE, resource.text());
                switch (m.type()) {
                    case HislipMessage.DATA, HislipMessage.DATA_END -> {
                        if (m.parameter() != lastSentId) {
                            continue; // the reply to an earlier, abandoned message
                        }
                        reply.write(m.payload(), 0, m.payload().length);
                        if (m.type() == HislipMessage.DATA_END) {
                            replyDelivered = true;
                            return reply.toByteArray();
                        }
                    }
                    case HislipMessage.ERROR, HislipMessage.FATAL_ERROR -> throw serverError(m, "'" + command + "'");
                    case HislipMessage.INTERRUPTED -> reply.reset(); // a newer message ended the old reply
                    default -> throw new TransportException(resource.text() + " sent "
                            + HislipMessage.name(m.type()) + " on the synchronous channel while we awaited the reply"
                            + " to '" + command + "'");
                }
            }
        } catch (SocketTimeoutException e) {
            throw new TransportTimeoutException(resource.text() + ": a HiSLIP message of the reply to '" + command
                    + "' stopped half way; reconnect to continue");
        } catch (EOFException e) {
            throw new TransportException(resource.text() + " closed the connection while we awaited the reply to '"
                    + command + "'" + (reply.size() > 0 ? " (" + reply.size() + " bytes of it had arrived)" : "")
                    + "; reconnect to continue", e);
        } catch (IOException e) {
            throw new TransportException("reading the reply to '" + command + "' from " + resource.text()
                    + " failed: " + OncRpcClient.describe(e), e);
        }
    }

    private String clearAfterTimeout(String command) {
        try {
            deviceClear("after '" + command + "'");
            return "; the device was cleared (HiSLIP AsyncDeviceClear)";
        } catch (TransportException e) {
            return "; the device clear failed too: " + e.getMessage();
        }
    }

    /**
     * The HiSLIP device clear: AsyncDeviceClear and its acknowledge on the asynchronous channel, then
     * DeviceClearComplete on the synchronous one, asking for synchronized mode; everything the server sent on the
     * synchronous channel before its DeviceClearAcknowledge belongs to abandoned messages and is skipped.
     */
    void deviceClear(String why) {
        String request = "the device clear " + why;
        try {
            async.setSoTimeout(timeoutMillis() + MARGIN_MS);
            sync.setSoTimeout(timeoutMillis() + MARGIN_MS);
            new HislipMessage(HislipMessage.ASYNC_DEVICE_CLEAR, 0, 0, new byte[0]).writeTo(asyncOut);
            expect(asyncIn, HislipMessage.ASYNC_DEVICE_CLEAR_ACKNOWLEDGE, request);
            new HislipMessage(HislipMessage.DEVICE_CLEAR_COMPLETE, 0, 0, new byte[0]).writeTo(syncOut);
            HislipMessage ack;
            do {
                ack = read(syncIn, request);
                if (ack.type() == HislipMessage.FATAL_ERROR) {
                    throw serverError(ack, request);
                }
            } while (ack.type() != HislipMessage.DEVICE_CLEAR_ACKNOWLEDGE);
            messageId = FIRST_MESSAGE_ID;
            lastSentId = -1;
            replyDelivered = false;
            if ((ack.control() & 1) != 0) {
                throw new TransportException(resource.text() + " runs HiSLIP in overlapped mode and would not switch"
                        + " to synchronized mode, the only one spinloop supports");
            }
        } catch (IOException e) {
            throw new TransportException(resource.text() + ": " + request + " failed: " + OncRpcClient.describe(e), e);
        }
    }

    private void requireOpen(String command) {
        if (sync == null) {
            throw new TransportException(resource.text() + " has no HiSLIP session; cannot handle '" + command + "'");
        }
    }
}
