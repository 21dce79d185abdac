package io.spinloop.drivers.transport;

import java.io.IOException;

/** Opens a serial port with the backend its resource names ({@code backend=jssc}, jSerialComm by default). */
final class SerialLinks {
    private SerialLinks() {
    }

    static ByteLink open(ResourceString.Serial resource, int timeoutMillis) throws IOException {
        return switch (resource.backend()) {
            case JSERIALCOMM -> SerialLink.open(resource, timeoutMillis);
            case JSSC -> JsscLink.open(resource);
        };
    }
}
