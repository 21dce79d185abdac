/**
 * Lists played on a device and read in zero span: {@link io.spinloop.lab.list.ListPlayer} (the one list player:
 * arm the zero span, run the source list with its trigger link, read the trace; tent order for drives whose order
 * does not matter; lists of at most the source's capacity), {@link io.spinloop.lab.list.PointPeriod} (the one
 * measurement of how long a list point lasts, the time base of every zero span read against a list) and
 * {@link io.spinloop.lab.list.RoundTrips} (what playing costs, in instrument operations).
 */
package io.spinloop.lab.list;
