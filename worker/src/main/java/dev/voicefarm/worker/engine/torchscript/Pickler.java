package dev.voicefarm.worker.engine.torchscript;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the subset of Python's pickle protocol 2 that TorchScript archives use: globals, object
 * construction, tuples, dicts, strings, ints, floats, booleans and persistent ids. No memo: every
 * value is written in full, which libtorch's unpickler accepts.
 */
final class Pickler {

    private static final int PROTO = 0x80;
    private static final int STOP = '.';
    private static final int GLOBAL = 'c';
    private static final int EMPTY_TUPLE = ')';
    private static final int EMPTY_DICT = '}';
    private static final int MARK = '(';
    private static final int TUPLE = 't';
    private static final int SETITEMS = 'u';
    private static final int BUILD = 'b';
    private static final int NEWOBJ = 0x81;
    private static final int REDUCE = 'R';
    private static final int BINPERSID = 'Q';
    private static final int BINUNICODE = 'X';
    private static final int BININT = 'J';
    private static final int BINFLOAT = 'G';
    private static final int NEWTRUE = 0x88;
    private static final int NEWFALSE = 0x89;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Pickler() {
        out.write(PROTO);
        out.write(2);
    }

    Pickler global(String module, String name) {
        out.write(GLOBAL);
        ascii(module + "\n" + name + "\n");
        return this;
    }

    Pickler emptyTuple() {
        return op(EMPTY_TUPLE);
    }

    Pickler emptyDict() {
        return op(EMPTY_DICT);
    }

    Pickler mark() {
        return op(MARK);
    }

    /** Closes a tuple opened with {@link #mark()}. */
    Pickler tuple() {
        return op(TUPLE);
    }

    /** Adds the key-value pairs written since {@link #mark()} to the dict below the mark. */
    Pickler setItems() {
        return op(SETITEMS);
    }

    Pickler build() {
        return op(BUILD);
    }

    Pickler newObj() {
        return op(NEWOBJ);
    }

    Pickler reduce() {
        return op(REDUCE);
    }

    Pickler persistentId() {
        return op(BINPERSID);
    }

    Pickler bool(boolean value) {
        return op(value ? NEWTRUE : NEWFALSE);
    }

    Pickler string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.write(BINUNICODE);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).array());
        out.writeBytes(utf8);
        return this;
    }

    Pickler integer(int value) {
        out.write(BININT);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        return this;
    }

    /** Pickle floats are big-endian doubles. */
    Pickler floating(double value) {
        out.write(BINFLOAT);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(value).array());
        return this;
    }

    byte[] finish() {
        out.write(STOP);
        return out.toByteArray();
    }

    private Pickler op(int opcode) {
        out.write(opcode);
        return this;
    }

    private void ascii(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
