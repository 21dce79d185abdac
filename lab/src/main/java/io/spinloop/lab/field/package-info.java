/**
 * The applied field: {@link io.spinloop.lab.field.FieldController} sets a field in closed loop on a gaussmeter's
 * reading, through a magnet supply whose own safety rules (current limit, ramp rate, ramp to 0 A on any failure)
 * sit below it in the drivers. {@link io.spinloop.lab.field.FieldControllers#open} opens one per device; a map
 * over the field uses its three calls: {@code setField}, {@code readField}, {@code rampToZero}.
 */
package io.spinloop.lab.field;
