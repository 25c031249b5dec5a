package dev.voicefarm.gateway.voices;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry names of a zip file on disk, read from its central directory without trusting it:
 * the end record is looked for only in the file's last 64 KiB, the directory's declared size is
 * bounded before a byte of it is read, and the directory is streamed, never held whole. A file
 * that claims a directory of a gigabyte costs a refusal, not the heap ({@link java.util.zip.ZipFile}
 * would read such a directory into one array). Nothing but the end records and the directory is
 * read: the first bytes of the file may be anything (a SoVITS weights file replaces the zip's
 * {@code PK} with its version), and the entries' data is never looked at.
 */
final class ZipDirectory {

    /** Far more than a weights archive (one entry per tensor) or a voice zip ever has. */
    static final long MAX_DIRECTORY_BYTES = 16L * 1024 * 1024;
    static final int MAX_ENTRIES = 100_000;

    private static final int END = 0x06054b50;
    private static final int END_BYTES = 22;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_LOCATOR_BYTES = 20;
    private static final int ZIP64_END = 0x06064b50;
    private static final int ENTRY = 0x02014b50;
    private static final int ENTRY_BYTES = 46;
    private static final int MAX_COMMENT = 0xffff;

    private ZipDirectory() {
    }

    /** Why a file's directory cannot be read; the message completes "the file ...". */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** The names of the file's entries, in directory order. */
    static List<String> names(Path file) throws IOException, Unreadable {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailBytes = (int) Math.min(size, END_BYTES + MAX_COMMENT);
            ByteBuffer tail = read(channel, size - tailBytes, tailBytes);
            int end = endRecord(tail);
            if (end < 0) {
                throw new Unreadable("has no zip end record: it is not a zip archive, or it is cut short");
            }
            long endPosition = size - tailBytes + end;
            long entries = tail.getShort(end + 10) & 0xffffL;
            long directoryBytes = tail.getInt(end + 12) & 0xffffffffL;
            long directoryStart = tail.getInt(end + 16) & 0xffffffffL;
            long directoryEnd = endPosition;
            if (endPosition >= ZIP64_LOCATOR_BYTES
                    && read(channel, endPosition - ZIP64_LOCATOR_BYTES, 4).getInt(0) == ZIP64_LOCATOR) {
                long zip64End = read(channel, endPosition - ZIP64_LOCATOR_BYTES + 8, 8).getLong(0);
                if (zip64End < 0 || zip64End + 56 > endPosition) {
                    throw new Unreadable("has a zip64 end record outside the file");
                }
                ByteBuffer record = read(channel, zip64End, 56);
                if (record.getInt(0) != ZIP64_END) {
                    throw new Unreadable("has a zip64 locator that points at no zip64 end record");
                }
                entries = record.getLong(32);
                directoryBytes = record.getLong(40);
                directoryStart = record.getLong(48);
                directoryEnd = zip64End;
            }
            if (directoryBytes > MAX_DIRECTORY_BYTES || entries > MAX_ENTRIES) {
                throw new Unreadable("declares a zip directory of " + directoryBytes + " bytes and " + entries
                        + " entries; at most " + MAX_DIRECTORY_BYTES + " bytes and " + MAX_ENTRIES + " entries are read");
            }
            if (directoryStart < 0 || directoryBytes < 0 || directoryStart + directoryBytes > directoryEnd) {
                throw new Unreadable("has a zip directory that does not fit in the file");
            }
            return entries(channel, directoryStart, directoryBytes, (int) entries);
        }
    }

    /** The last end-record signature whose comment fits in the tail, or -1. */
    private static int endRecord(ByteBuffer tail) {
        for (int at = tail.limit() - END_BYTES; at >= 0; at--) {
            if (tail.getInt(at) == END && at + END_BYTES + (tail.getShort(at + 20) & 0xffff) <= tail.limit()) {
                return at;
            }
        }
        return -1;
    }

    private static List<String> entries(FileChannel channel, long start, long bytes, int declared)
            throws IOException, Unreadable {
        List<String> names = new ArrayList<>(Math.min(declared, 1024));
        channel.position(start);
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
        long consumed = 0;
        byte[] header = new byte[ENTRY_BYTES];
        ByteBuffer fields = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (consumed < bytes) {
                if (names.size() == declared || consumed + ENTRY_BYTES > bytes) {
                    throw new Unreadable("has a zip directory that does not match its end record");
                }
                readFully(in, header);
                if (fields.getInt(0) != ENTRY) {
                    throw new Unreadable("has a damaged zip directory (entry " + (names.size() + 1) + ")");
                }
                int nameBytes = fields.getShort(28) & 0xffff;
                int skip = (fields.getShort(30) & 0xffff) + (fields.getShort(32) & 0xffff);
                consumed += ENTRY_BYTES + nameBytes + skip;
                if (consumed > bytes) {
                    throw new Unreadable("has a zip directory that does not match its end record");
                }
                byte[] name = new byte[nameBytes];
                readFully(in, name);
                names.add(new String(name, StandardCharsets.UTF_8));
                in.skipNBytes(skip);
            }
        } catch (EOFException e) {
            throw new Unreadable("has a zip directory cut short");
        }
        return names;
    }

    private static void readFully(InputStream in, byte[] into) throws IOException {
        if (in.readNBytes(into, 0, into.length) < into.length) {
            throw new EOFException();
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("the file ends before byte " + (position + length));
            }
        }
        return buffer.flip();
    }
}
