package io.spinloop.emulator.scpi;

/**
 * One invocation of a {@link Command}: its parameters, the numeric suffixes of its header nodes and where a
 * query writes its reply. Reused from unit to unit; handlers must not keep it.
 */
public final class Call {
    private Arguments arguments;
    private int[] suffixes;
    private Response response;
    private boolean replied;
    private boolean separatorNeeded;
    private final Object connection;

    Call(Object connection) {
        this.connection = connection;
    }

    void bind(Arguments arguments, int[] suffixes, Response response, boolean separatorNeeded) {
        this.arguments = arguments;
        this.suffixes = suffixes;
        this.response = response;
        this.replied = false;
        this.separatorNeeded = separatorNeeded;
    }

    public Arguments args() {
        return arguments;
    }

    /** The numeric suffix of the {@code i}-th suffixable node of the header (1 when it was not given). */
    public int suffix(int i) {
        return suffixes[i];
    }

    /** The numeric suffix of the first suffixable node ({@code MARK2} gives 2). */
    public int suffix() {
        return suffixes.length == 0 ? 1 : suffixes[0];
    }

    /** The reply of this query; separated from an earlier reply in the same message by {@code ;}. */
    public Response reply() {
        if (!replied) {
            replied = true;
            if (separatorNeeded) {
                response.put((byte) ';');
            }
        }
        return response;
    }

    boolean replied() {
        return replied;
    }

    /** Identifies the client connection the message came from (for per-connection state). */
    public Object connection() {
        return connection;
    }

    /** The response buffer as it stands (for {@code *STB?}'s message-available bit). */
    public boolean outputQueued() {
        return response.length() > 0;
    }
}
