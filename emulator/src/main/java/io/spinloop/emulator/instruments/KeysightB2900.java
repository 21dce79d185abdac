package io.spinloop.emulator.instruments;

import io.spinloop.emulator.physics.Stno;
import io.spinloop.emulator.scpi.Call;
import io.spinloop.emulator.scpi.CommandTree;
import io.spinloop.emulator.scpi.MessageInterpreter;
import io.spinloop.emulator.scpi.Response;
import io.spinloop.emulator.scpi.ScpiError;
import io.spinloop.emulator.scpi.ScpiException;
import io.spinloop.emulator.scpi.Unit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Keysight B2901A (one channel) and B2902A (two channels) precision source/measure units. Channel-bound
 * commands carry the channel in their first node ({@code :SOUR2:CURR}, {@code :OUTP2}, {@code :SENS2:VOLT:PROT},
 * {@code :TRIG2:COUN}; no number is channel 1), measurements and {@code :INIT} a channel list ({@code (@2)}).
 *
 * <p>Each channel is one emulated source sourcing into its own device, with its own timeline, history and trigger
 * output; the unit (channel 1) answers every connection and hands each program message to the channel it names,
 * with the channel number taken off. One error queue and {@code *IDN?} serve the unit (a channel's errors land in
 * channel 1's queue); {@code *RST} and {@code :FORMat} apply to every channel, {@code *OPC?} and {@code *WAI} wait
 * for every channel. The emulator takes one channel per program message (a message naming two is refused with
 * -221), which is how the drivers write.
 *
 * <p>Per channel: compliance under {@code :SENSe:VOLTage:PROTection} (with {@code :TRIPped?}); a list runs as
 * {@code :SOURce:CURRent:MODE LIST} for {@code :TRIGger:COUNt} points with the transient delay
 * ({@code :TRIGger:TRANsient:DELay}) as source delay; {@code :TRIGger:TRANsient:TOUTput} pulses the digital I/O at
 * each point (the trigger link); readings by {@code :MEASure?}, {@code :FETCh:ARRay[:VOLTage|:CURRent]?} in the
 * {@code :FORMat:ELEMents:SENSe} order.
 */
public final class KeysightB2900 extends ListModeSourceMeter {
    /** Keysight B2901A, one channel. */
    public static final Model B2901A = new Model("KEYSIGHT_B2901A",
            new ModelIdentity("Keysight Technologies", "B2901A", "3.4.2011.5100"),
            (m, s, d) -> new KeysightB2900(m, s, d, 1, null));
    /** Keysight B2902A, two channels. */
    public static final Model B2902A = new Model("KEYSIGHT_B2902A",
            new ModelIdentity("Keysight Technologies", "B2902A", "3.4.2011.5100"),
            (m, s, d) -> new KeysightB2900(m, s, d, 2, null));

    private static final int ERROR_QUEUE_CAPACITY = 30;
    /** A channel-bound root node with its channel number: {@code :SOUR2}, {@code OUTP1}, {@code :TRIGger2}. */
    private static final Pattern CHANNEL_NODE = Pattern.compile(
            "^(\\s*:?)(SOURce|SOUR|OUTPut|OUTP|SENSe|SENS|TRIGger|TRIG|ARM)(\\d+)(?=[:?\\s]|$)",
            Pattern.CASE_INSENSITIVE);
    /** A channel list parameter, {@code (@2)}, with the separator before it. */
    private static final Pattern CHANNEL_LIST = Pattern.compile("\\s*,?\\s*\\(@(\\d+)\\)");

    // Set by the constructor after the base's hooks ran; the hooks do not use them.
    private final int channelCount;
    private final KeysightB2900 unit;
    private final InstrumentSetup setup;
    private final KeysightB2900[] channels;
    private final Map<MessageInterpreter, MessageInterpreter> channelInterpreters;

    // The trigger model's delays and pacing (no initialisers: the base constructor resets them).
    /** {@code :TRIGger:TRANsient:DELay}: from a point's trigger to its source action, s. */
    private double transientDelay;
    /** {@code :TRIGger:ACQuire:DELay}: from the same trigger to the start of its measurement, s. */
    private double acquireDelay;
    /** {@code :TRIGger:TRANsient:SOURce TIMer}: the transient triggers paced by the timer, not automatically. */
    private boolean transientTimed;
    /** {@code :TRIGger:TRANsient:TIMer}: the timer's interval, s. */
    private double transientTimer;
    /** {@code :OUTPut:PROTection}: the output switched off as soon as the channel reaches compliance. */
    private boolean outputProtection;

    private KeysightB2900(Model model, InstrumentSetup setup, Stno device, int channelCount, KeysightB2900 unit) {
        super(model, setup, device, ERROR_QUEUE_CAPACITY);
        this.channelCount = channelCount;
        this.unit = unit;
        this.setup = setup;
        this.channels = new KeysightB2900[channelCount + 1];
        this.channels[1] = this;
        this.channelInterpreters = new WeakHashMap<>();
    }

    /**
     * The B2900's A/D takes no reference and zero reading with every measurement, as the Keithleys' auto zero does: a
     * list point is its source delay, its integration (NPLC) and the fixed overhead (B2900 manual's timing), as before
     * the Keithleys' auto zero was modelled.
     */
    @Override
    protected boolean autoZeroAtReset() {
        return false;
    }

    @Override
    public synchronized SourceMeter addChannel(int channel, String name, Stno device) {
        if (unit != null) {
            return unit.addChannel(channel, name, device);
        }
        if (channel < 2 || channel > channelCount) {
            throw new IllegalArgumentException(model().name() + " has " + (channelCount == 1 ? "one channel"
                    : "channels 1 to " + channelCount) + "; there is no channel " + channel + " for '" + name + "'");
        }
        if (channels[channel] != null) {
            throw new IllegalArgumentException(model().name() + " '" + this.name + "': channel " + channel
                    + " is wired already (as '" + channels[channel].name() + "')");
        }
        channels[channel] = new KeysightB2900(model(), new InstrumentSetup(name, clock, setup.seed() ^ (0x9E37L * channel),
                setup.serialNumber(), setup.enforceLimits()), device, channelCount, this);
        return channels[channel];
    }

    /** A channel nothing was wired to sources into open terminals. */
    private KeysightB2900 channel(int n) {
        if (channels[n] == null) {
            addChannel(n, name + ":ch" + n, null);
        }
        return channels[n];
    }

    // ------------------------------------------------------------------------------------ the unit's routing

    @Override
    public synchronized void execute(MessageInterpreter interpreter, byte[] buf, int off, int len, Response out) {
        if (unit != null) {
            super.execute(interpreter, buf, off, len, out);
            return;
        }
        String text = new String(buf, off, len, StandardCharsets.ISO_8859_1);
        StringBuilder rewritten = new StringBuilder(text.length());
        int target = 0;
        boolean everyChannel = false;
        boolean waits = false;
        for (String u : units(text)) {
            int named = 0;
            Matcher node = CHANNEL_NODE.matcher(u);
            if (node.find()) {
                named = Integer.parseInt(node.group(3));
                u = node.group(1) + node.group(2) + u.substring(node.end());
            }
            Matcher list = CHANNEL_LIST.matcher(u);
            if (list.find()) {
                int listed = Integer.parseInt(list.group(1));
                if (named != 0 && listed != named) {
                    report(ScpiError.SETTINGS_CONFLICT.code(), "Settings conflict; channel " + named + " and (@"
                            + listed + ") in one command");
                    return;
                }
                named = listed;
                u = u.substring(0, list.start()) + u.substring(list.end());
            }
            if (named != 0) {
                if (target != 0 && target != named) {
                    report(ScpiError.SETTINGS_CONFLICT.code(), "Settings conflict; one channel per program message");
                    return;
                }
                target = named;
            }
            String head = u.trim().toUpperCase(Locale.ROOT);
            everyChannel |= head.startsWith(":FORM") || head.startsWith("FORM") || head.equals("*RST");
            waits |= head.equals("*OPC?") || head.equals("*WAI") || head.equals("*OPC");
            if (rewritten.length() > 0) {
                rewritten.append(';');
            }
            rewritten.append(u);
        }
        if (target > channelCount) {
            report(ScpiError.HEADER_SUFFIX_OUT_OF_RANGE.code(), ScpiError.HEADER_SUFFIX_OUT_OF_RANGE.text()
                    + "; the " + model().identity().model() + " has " + channelCount + " channel"
                    + (channelCount == 1 ? "" : "s"));
            return;
        }
        byte[] b = rewritten.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (target >= 2) {
            KeysightB2900 c = channel(target);
            c.execute(interpreterOf(c, interpreter), b, 0, b.length, out);
            return;
        }
        for (int n = 2; n <= channelCount; n++) {
            if (channels[n] == null) {
                continue;
            }
            if (everyChannel) {
                channels[n].execute(interpreterOf(channels[n], interpreter), b, 0, b.length, new Response());
            } else if (waits) {
                byte[] wai = "*WAI".getBytes(StandardCharsets.ISO_8859_1);
                channels[n].execute(interpreterOf(channels[n], interpreter), wai, 0, wai.length, new Response());
            }
        }
        super.execute(interpreter, b, 0, b.length, out);
    }

    private MessageInterpreter interpreterOf(KeysightB2900 c, MessageInterpreter connection) {
        return c.channelInterpreters.computeIfAbsent(connection, c::interpreter);
    }

    /** Splits a program message into its units at the semicolons outside strings and parentheses. */
    private static List<String> units(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth = Math.max(0, depth - 1);
            } else if (ch == ';' && depth == 0) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    /** A channel's errors go to the unit's one error queue. */
    @Override
    public synchronized void report(int code, String text) {
        if (unit != null) {
            unit.report(code, text);
        } else {
            super.report(code, text);
        }
    }

    @Override
    public synchronized void pushError(int code, String text) {
        report(code, text);
    }

    /** A power cycle resets every channel. */
    @Override
    public synchronized void powerOn() {
        super.powerOn();
        if (unit == null) {
            for (int n = 2; n <= channelCount; n++) {
                if (channels[n] != null) {
                    channels[n].powerOn();
                }
            }
        }
    }

    // ------------------------------------------------------------------------------ what one channel is

    /** ±3.03 A (the B2901A/B2902A's largest DC range, 3 A, with 1 % over-range). */
    @Override
    protected double maxCurrentA() {
        return 3.03;
    }

    @Override
    protected int listCapacity() {
        return 100_000;
    }

    @Override
    protected int listValuesPerCommand() {
        return 100_000;
    }

    @Override
    protected double pointOverhead() {
        return 0.1e-3;
    }

    @Override
    protected int defaultElements() {
        return ELEM_VOLT | ELEM_CURR | ELEM_RES | ELEM_TIME | ELEM_STAT;
    }

    @Override
    protected ScpiException outputOffError() {
        return ScpiError.SETTINGS_CONFLICT.exception("output off");
    }

    @Override
    protected void resetModelSettings() {
        super.resetModelSettings();
        transientDelay = 0;
        acquireDelay = 0;
        transientTimed = false;
        transientTimer = 1e-3;
        outputProtection = false;
        applyDelays();
    }

    /**
     * The B2900's NPLC range at the emulator's 60 Hz line (B2900 SCPI Command Reference, {@code :SENSe:...:NPLCycles}:
     * 4E-4 to 100 at 50 Hz, 4.8E-4 to 120 at 60 Hz); a value outside is set to the nearest limit, not refused.
     */
    @Override
    protected double[] nplcRange() {
        return new double[] {4.8e-4, 120};
    }

    /** The B2900 SCPI Command Reference has no auto-zero command: {@code :SYSTem:AZERo} is an undefined header. */
    @Override
    protected boolean hasSystemAutoZero() {
        return false;
    }

    /** 0.1 PLC: the B2900's *RST integration time (its SCPI reference, {@code :SENSe:...:NPLCycles} default). */
    @Override
    protected double nplcAtReset() {
        return 0.1;
    }

    @Override
    protected boolean clampsNplc() {
        return true;
    }

    @Override
    protected boolean stopsAtCompliance() {
        return outputProtection;
    }

    /**
     * The B2900's trigger model runs a point's source (transient) and measure (acquire) actions from one trigger, in
     * parallel: the level changes after the transient delay, the measurement starts after the acquire delay (so the
     * drivers' settling time is the acquire delay less the transient delay), and the next point's trigger comes when
     * both are done and processed, or with the timer's next tick when the transient is timer paced. Without an
     * acquire ({@code :INITiate:TRANsient}) a point is its transient alone. No auto zero: the B2900 has none.
     */
    @Override
    protected double enforcedPointPeriod(double triggerDelayS, double sourceDelayS, double measurementS) {
        double actions = runAcquires() ? Math.max(transientDelay, acquireDelay + measurementS) : transientDelay;
        double point = actions + pointOverhead();
        return transientTimed ? Math.max(transientTimer, point) : point;
    }

    /** The shared trigger model's view: the source action after the transient delay, the measurement after the acquire. */
    private void applyDelays() {
        setTriggerDelay(transientDelay);
        setSourceDelay(Math.max(0, acquireDelay - transientDelay));
    }

    @Override
    protected void registerModelCommands(CommandTree t) {
        t.add(":TRIGger:TRANsient:DELay", 1, 1, c -> {
            transientDelay = inRange(c.args().number(0, Unit.SECOND, 0, 100_000, 0), 0, 100_000);
            applyDelays();
        });
        t.add(":TRIGger:TRANsient:DELay?", c -> c.reply().nr3(transientDelay, 6));
        t.add(":TRIGger:ACQuire:DELay", 1, 1, c -> {
            acquireDelay = inRange(c.args().number(0, Unit.SECOND, 0, 100_000, 0), 0, 100_000);
            applyDelays();
        });
        t.add(":TRIGger:ACQuire:DELay?", c -> c.reply().nr3(acquireDelay, 6));
        t.add(":TRIGger:TRANsient:SOURce", 1, 1, c -> transientTimed = c.args().choice(0, "AINT", "BUS", "TIMer",
                "INT1", "INT2", "LAN", "EXT1", "EXT2", "EXT3", "EXT4", "EXT5", "EXT6", "EXT7", "EXT8", "EXT9", "EXT10",
                "EXT11", "EXT12", "EXT13", "EXT14") == 2);
        t.add(":TRIGger:TRANsient:SOURce?", c -> c.reply().ascii(transientTimed ? "TIM" : "AINT"));
        t.add(":TRIGger:TRANsient:TIMer", 1, 1, c -> transientTimer = inRange(
                c.args().number(0, Unit.SECOND, 1e-5, 100_000, 1e-3), 1e-5, 100_000));
        t.add(":TRIGger:TRANsient:TIMer?", c -> c.reply().nr3(transientTimer, 6));
        t.add(":INITiate[:IMMediate]:TRANsient", c -> initiateWithoutAcquire());
        t.add(":OUTPut#1:PROTection[:STATe]", 1, 1, c -> outputProtection = c.args().bool(0));
        t.add(":OUTPut#1:PROTection[:STATe]?", c -> c.reply().put((byte) (outputProtection ? '1' : '0')));
        // The aperture is the NPLC in seconds (one setting for every function); automatic aperture is not emulated.
        for (String f : new String[] {"VOLTage", "CURRent"}) {
            t.add(":SENSe:" + f + "[:DC]:APERture", 1, 1, c -> setNplc(Math.min(120, Math.max(4.8e-4,
                    c.args().number(0, Unit.SECOND, 8e-6, 2, 0.1 / lineFrequency()) * lineFrequency()))));
            t.add(":SENSe:" + f + "[:DC]:APERture?", c -> c.reply().nr3(nplc() / lineFrequency(), 6));
            t.add(":SENSe:" + f + "[:DC]:NPLCycles:AUTO", 1, 1, c -> {
                if (c.args().bool(0)) {
                    throw ScpiError.SETTINGS_CONFLICT.exception("automatic NPLC is not emulated");
                }
            });
            t.add(":SENSe:" + f + "[:DC]:NPLCycles:AUTO?", c -> c.reply().put((byte) '0'));
        }
        t.add(":TRIGger:TRANsient:TOUTput[:STATe]", 1, 1, c -> setTriggerOutput(c.args().bool(0)));
        t.add(":TRIGger:TRANsient:TOUTput:SIGNal", 1, 1, c -> c.args().choice(0, "EXT1", "EXT2", "EXT3", "EXT4",
                "EXT5", "EXT6", "EXT7", "EXT8", "EXT9", "EXT10", "EXT11", "EXT12", "EXT13", "EXT14", "LAN"));
        t.add(":MEASure?", c -> {
            Reading[] r = runAndFetch();
            writeReadings(c.reply(), new Reading[] {r[r.length - 1]}, elements());
        });
        t.add(":FETCh:ARRay?", c -> writeReadings(c.reply(), fetchLast(), elements()));
        t.add(":FETCh:ARRay:VOLTage?", c -> writeReadings(c.reply(), fetchLast(), ELEM_VOLT));
        t.add(":FETCh:ARRay:CURRent?", c -> writeReadings(c.reply(), fetchLast(), ELEM_CURR));
    }

    @Override
    protected void readReply(Call c, Reading[] readings) {
        writeReadings(c.reply(), readings, elements());
    }
}
