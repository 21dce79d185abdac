# An independent VISA client against the served emulator: pyvisa with the pure-Python '@py' backend.
# Usage: check_instruments.py SOURCE_RESOURCE ANALYZER_RESOURCE
# Prints the source's *IDN?, the current it reads back, the analyzer's *IDN? and the point count of a REAL,32 trace.
import sys

import pyvisa

rm = pyvisa.ResourceManager("@py")
smu = rm.open_resource(sys.argv[1])
sa = rm.open_resource(sys.argv[2])
for r in (smu, sa):
    r.read_termination = "\n"
    r.write_termination = "\n"
    r.timeout = 20000
print("smu", smu.query("*IDN?").strip())
smu.write(":SOUR:FUNC CURR")
smu.write(":SOUR:CURR 1E-4")
smu.write(":OUTP ON")
print("current", float(smu.query(":SOUR:CURR?")))
smu.write(":SOUR:CURR 0")
smu.write(":OUTP OFF")
print("output", smu.query(":OUTP?").strip())
print("sa", sa.query("*IDN?").strip())
sa.write(":INIT:CONT OFF")
sa.write(":FORM REAL,32")
sa.write(":FORM:BORD SWAP")
sa.write(":INIT:IMM")
sa.query("*OPC?")
trace = sa.query_binary_values(":TRAC? TRACE1", datatype="f", is_big_endian=False)
print("points", len(trace), "max", max(trace))
smu.close()
sa.close()
rm.close()
