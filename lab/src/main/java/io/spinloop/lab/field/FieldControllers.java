package io.spinloop.lab.field;

import io.spinloop.drivers.field.Gaussmeter;
import io.spinloop.drivers.field.MagnetSupply;
import io.spinloop.lab.bench.Bench;
import io.spinloop.lab.config.DeviceConfig;
import io.spinloop.lab.config.FieldConfig;
import io.spinloop.lab.config.LoadedLabConfig;
import java.time.Duration;

/**
 * Opens a device's field controller from its lab-config {@code field:} block, and the two things a person does
 * with the field from the command line: set it (and hold it a while), and ramp a magnet down.
 */
public final class FieldControllers {
    private FieldControllers() {
    }

    /**
     * The field block of a device.
     *
     * @throws io.spinloop.lab.config.LabConfigException naming the device when it has none
     */
    public static FieldConfig fieldOf(LoadedLabConfig config, String deviceId) {
        DeviceConfig d = config.device(deviceId);
        if (d.field() == null) {
            throw config.error("devices[" + config.deviceIndex(deviceId) + "]", "device '" + deviceId
                    + "' has no field block (magnet, gaussmeter, tesla_per_A, limits): it sits in no controlled field");
        }
        return d.field();
    }

    /**
     * Opens the magnet and gaussmeter of a device as a closed-loop field controller, the magnet behind the block's
     * limits. Closing the controller ramps the magnet to 0 A and closes both.
     */
    public static FieldController open(Bench bench, String deviceId) {
        FieldConfig f = fieldOf(bench.config(), deviceId);
        MagnetSupply magnet = bench.openMagnet(bench.config().config().instrument(f.magnet()).orElseThrow(),
                Bench.magnetLimitsOf(f));
        try {
            Gaussmeter gaussmeter = bench.openGaussmeter(bench.config().config().instrument(f.gaussmeter())
                    .orElseThrow());
            return new FieldController(magnet, gaussmeter, calibrationOf(f), settingsOf(f));
        } catch (RuntimeException e) {
            magnet.close();
            throw e;
        }
    }

    public static FieldCalibration calibrationOf(FieldConfig f) {
        return new FieldCalibration(f.teslaPerA(), f.offsetT());
    }

    public static FieldSettings settingsOf(FieldConfig f) {
        FieldSettings d = FieldSettings.defaults();
        return new FieldSettings(f.toleranceT(), Duration.ofNanos(Math.round(f.settleS() * 1e9)), d.readings(),
                d.corrections());
    }

    /**
     * What {@code field set} did: the point reached, the field read at the end of the hold, and the magnet.
     *
     * @param held    the field read just before ramping down, T
     * @param magnet  the magnet supply's name
     */
    public record Held(FieldPoint point, double held, String magnet) {
    }

    /**
     * Sets the field at a device, holds it for {@code hold} (Ctrl-C ends the hold: the shutdown hook ramps the
     * magnet down), reads it once more, then ramps the magnet to 0 A and switches it off.
     */
    public static Held setAndHold(LoadedLabConfig config, String deviceId, double tesla, Duration hold)
            throws InterruptedException {
        try (Bench bench = Bench.of(config); FieldController field = open(bench, deviceId)) {
            FieldPoint p = field.setField(tesla);
            Thread.sleep(hold.toMillis());
            return new Held(p, field.readField(), fieldOf(config, deviceId).magnet());
        }
    }

    /**
     * Takes over a device's magnet supply: one found with its output on (a run killed with -9, another program) is
     * ramped to 0 A at the rate limit and switched off. Returns the supply's name.
     */
    public static String rampDown(LoadedLabConfig config, String deviceId) {
        FieldConfig f = fieldOf(config, deviceId);
        try (Bench bench = Bench.of(config);
             MagnetSupply magnet = bench.openMagnet(config.config().instrument(f.magnet()).orElseThrow(),
                     Bench.magnetLimitsOf(f))) {
            magnet.rampToZero();
            return magnet.name();
        }
    }
}
