/**
 * The live view: a small local web server (the JDK's {@code com.sun.net.httpserver}) that pushes a run's progress,
 * spectra, readings, instrument panel and training curves to a browser page with server-sent events, takes the
 * page's Stop as the run's Ctrl-C, and serves a folder's runs for {@code spinloop data browse}. Bound to 127.0.0.1
 * by default; every request needs the token printed with the URL and comes from the page's own origin.
 */
package io.spinloop.app.live;
