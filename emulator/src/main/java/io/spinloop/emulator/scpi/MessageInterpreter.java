package io.spinloop.emulator.scpi;

import java.util.ArrayList;

/**
 * Executes program messages against a {@link CommandTree}, keeping the SCPI-99 header path between the units
 * of a compound message (Vol. 1, 6.2.4): a unit whose header does not start with {@code :} is taken relative to
 * the path of the previous unit's header without its last node; a leading {@code :} returns to the root;
 * common commands ({@code *XXX}) leave the path alone; every message starts at the root.
 *
 * <p>Errors are reported, never thrown: a command error (−1xx) means the rest of the message cannot be
 * trusted, so it is discarded; after an execution or device error the next unit still runs. Any unexpected
 * exception from a handler becomes {@code -200,"Execution error"}: malformed input never kills a server.
 * One instance per connection; not thread-safe.
 */
public final class MessageInterpreter {
    private final CommandTree tree;
    private final ErrorReporter errors;
    private final ProgramMessageParser parser = new ProgramMessageParser();
    private final MessageUnit unit = new MessageUnit();
    private final Call call;
    private ArrayList<String> path = new ArrayList<>();
    private ArrayList<String> full = new ArrayList<>();

    /**
     * @param connection an identity for per-connection state, passed to handlers through {@link Call#connection()}
     */
    public MessageInterpreter(CommandTree tree, ErrorReporter errors, Object connection) {
        this.tree = tree;
        this.errors = errors;
        this.call = new Call(connection);
    }

    /**
     * Parses and executes one program message ({@code buf[off, off+len)}, terminator removed), appending the
     * replies of its queries to {@code out}, followed by the response terminator if there was any reply.
     */
    public void execute(byte[] buf, int off, int len, Response out) {
        parser.reset(buf, off, len);
        path.clear();
        int messageStart = out.length();
        while (true) {
            try {
                if (!parser.next(unit)) {
                    break;
                }
            } catch (ScpiException e) {
                errors.report(e.code(), e.text());
                break;
            }
            CommandTree.Resolved r;
            if (unit.common) {
                r = tree.resolveCommon(unit.mnemonic(0), unit.query);
            } else {
                full.clear();
                if (!unit.rooted) {
                    full.addAll(path);
                }
                for (int i = 0; i < unit.mnemonicCount; i++) {
                    full.add(unit.mnemonic(i));
                }
                r = tree.resolve(full, unit.query);
            }
            if (r.errorCode() != 0) {
                errors.report(r.errorCode(), r.errorCode() == ScpiError.UNDEFINED_HEADER.code()
                        ? ScpiError.UNDEFINED_HEADER.text() : ScpiError.HEADER_SUFFIX_OUT_OF_RANGE.text());
                break;
            }
            int n = unit.arguments.count();
            if (n < r.entry().minArgs()) {
                report(ScpiError.MISSING_PARAMETER);
                break;
            }
            if (n > r.entry().maxArgs()) {
                report(ScpiError.PARAMETER_NOT_ALLOWED);
                break;
            }
            int mark = out.length();
            call.bind(unit.arguments, r.suffixes(), out, mark > messageStart);
            try {
                r.entry().command().execute(call);
            } catch (ScpiException e) {
                out.truncate(mark);
                errors.report(e.code(), e.text());
                if (ScpiError.isCommandError(e.code())) {
                    break;
                }
            } catch (MessageAbortedException e) {
                out.truncate(messageStart);
                throw e;
            } catch (RuntimeException e) {
                out.truncate(mark);
                errors.report(ScpiError.EXECUTION_ERROR.code(), ScpiError.EXECUTION_ERROR.text() + "; "
                        + e.getClass().getSimpleName());
            }
            if (!unit.common) {
                ArrayList<String> t = path;
                path = full;
                full = t;
                path.remove(path.size() - 1);
            }
        }
        if (out.length() > messageStart) {
            out.put((byte) '\n');
        }
    }

    private void report(ScpiError e) {
        errors.report(e.code(), e.text());
    }
}
