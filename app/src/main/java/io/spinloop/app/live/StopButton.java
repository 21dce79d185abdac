package io.spinloop.app.live;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The page's Stop, wired to the run's own safe stop (the one Ctrl-C uses). A press before the run has said how to
 * stop it is kept and passed on as soon as it does.
 */
final class StopButton {
    private final AtomicBoolean pressed = new AtomicBoolean();
    private volatile Runnable stop;

    void press() {
        pressed.set(true);
        Runnable s = stop;
        if (s != null) {
            s.run();
        }
    }

    void connect(Runnable requestStop) {
        stop = requestStop;
        if (pressed.get()) {
            requestStop.run();
        }
    }

    boolean pressed() {
        return pressed.get();
    }
}
