/**
 * What every {@code spinloop} command shares: progress display, JSON output for scripts, and the way
 * errors reach the person at the terminal.
 */
package io.spinloop.app.cli;
