#!/usr/bin/python3
"""A program written for a real bench, with its own Prologix layer: it talks to a Prologix GPIB-ETHERNET
(TCP port 1234) or GPIB-USB (a serial port) in controller mode, with nothing from spinloop. Pointed at the
emulator's gateway it works unchanged.

    prologix_client.py --tcp 127.0.0.1:1234 --source 24 --analyzer 18
    prologix_client.py --serial /dev/ttyUSB0 --source 24 --analyzer 18     # needs pyserial (python3-serial)

Prints the controller's version, each instrument's *IDN?, its serial poll byte, and a 1001-point REAL,32 trace
read as a definite-length block (its bytes may hold CR, LF, ESC or '+': the block is read by its length).
Standard library only, except pyserial for a serial port.
"""
import argparse
import socket
import struct
import sys
import time

ESC = 0x1B


class TcpLink:
    def __init__(self, host, port, timeout):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def write(self, data):
        self.sock.sendall(data)

    def read(self, n):
        data = self.sock.recv(n)
        if not data:
            raise EOFError("the controller closed the connection")
        return data

    def close(self):
        self.sock.close()


class SerialLink:
    def __init__(self, path, timeout):
        import serial  # pyserial: apt-get install python3-serial
        self.port = serial.Serial(path, 115200, timeout=timeout)

    def write(self, data):
        self.port.write(data)
        self.port.flush()

    def read(self, n):
        data = self.port.read(1)
        if not data:
            raise TimeoutError("no reply from the controller")
        waiting = self.port.in_waiting
        return data + (self.port.read(min(n - 1, waiting)) if waiting else b"")

    def close(self):
        self.port.close()


class Prologix:
    """Controller mode: ++ commands to the controller, escaped data to the addressed instrument."""

    def __init__(self, link):
        self.link = link
        self.buffer = b""
        for setting in ("++mode 1", "++auto 0", "++eoi 1", "++eos 3", "++read_tmo_ms 3000"):
            self.command(setting)

    def command(self, text):
        self.link.write(text.encode("ascii") + b"\n")

    def write(self, address, message):
        self.command("++addr %d" % address)
        escaped = bytearray()
        for b in message.encode("latin-1"):
            if b in (0x0D, 0x0A, ESC, ord("+")):
                escaped.append(ESC)
            escaped.append(b)
        self.link.write(bytes(escaped) + b"\n")

    def _fill(self):
        self.buffer += self.link.read(65536)

    def read_line(self):
        while b"\n" not in self.buffer:
            self._fill()
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.rstrip(b"\r").decode("latin-1")

    def read_exact(self, n):
        while len(self.buffer) < n:
            self._fill()
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def query(self, address, message):
        self.write(address, message)
        self.command("++read eoi")
        return self.read_line()

    def query_block(self, address, message):
        self.write(address, message)
        self.command("++read eoi")
        head = self.read_exact(2)
        if head[:1] != b"#" or not head[1:2].isdigit():
            raise ValueError("expected a definite-length block, got %r" % head)
        length = int(self.read_exact(int(head[1:2])))
        data = self.read_exact(length)
        if self.read_line() != "":
            raise ValueError("block not followed by its terminator")
        return data

    def serial_poll(self, address):
        self.command("++spoll %d" % address)
        return int(self.read_line())

    def clear(self, address):
        self.command("++addr %d" % address)
        self.command("++clr")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--tcp", metavar="HOST:PORT", help="a Prologix GPIB-ETHERNET (port 1234)")
    where.add_argument("--serial", metavar="PATH", help="a Prologix GPIB-USB's serial port")
    p.add_argument("--source", type=int, default=24, help="GPIB address of the source (default 24)")
    p.add_argument("--analyzer", type=int, default=18, help="GPIB address of the analyzer (default 18)")
    p.add_argument("--timeout", type=float, default=5.0)
    args = p.parse_args()
    if args.tcp:
        host, port = args.tcp.rsplit(":", 1)
        link = TcpLink(host, int(port), args.timeout)
    else:
        link = SerialLink(args.serial, args.timeout)
    try:
        gpib = Prologix(link)
        gpib.command("++ifc")
        gpib.command("++ver")
        print("controller:", gpib.read_line())
        gpib.clear(args.source)
        print("source:", gpib.query(args.source, "*IDN?"))
        print("source status byte:", gpib.serial_poll(args.source))
        print("analyzer:", gpib.query(args.analyzer, "*IDN?"))
        gpib.write(args.analyzer, ":SWE:POIN 1001")
        gpib.write(args.analyzer, ":FORM REAL,32")
        gpib.write(args.analyzer, ":FORM:BORD SWAP")
        gpib.write(args.analyzer, ":INIT:CONT OFF")
        gpib.query(args.analyzer, ":INIT:IMM;*OPC?")
        data = gpib.query_block(args.analyzer, ":TRAC? TRACE1")
        trace = struct.unpack("<%df" % (len(data) // 4), data)
        special = sum(1 for b in data if b in (0x0D, 0x0A, ESC, ord("+")))
        print("trace: %d points, %.1f to %.1f dBm, %d bytes of it CR/LF/ESC/+" % (
            len(trace), min(trace), max(trace), special))
        print("analyzer errors:", gpib.query(args.analyzer, ":SYST:ERR?"))
    finally:
        link.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
